// `npm run bench:workspace`: opening a workspace of 5,000 saved requests (listing the tree, every
// file read, parsed and validated) against reading and JSON-parsing the same files raw, in the
// same run; and the latency of saving one request (atomic: temp file, fsync, rename, fsync dir),
// with the files each save reads (none: the request is checked and written, nothing re-listed).
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openWorkspace } from '../main/workspace/workspace.js';
import { normalizeRequest, requestFileText } from '../main/workspace/request-files.js';
import { fileProbe } from '../main/workspace/store/json-file.js';
import { percentile, printRows, type Row } from './_stats.js';

const REQUESTS = 5000;
const ROUNDS = 11;
const SAVES = 500;

function request(i: number) {
  return normalizeRequest({
    name: `request ${i}`,
    connection: {
      address: '{{host}}',
      security: { kind: 'tls', caFile: 'certs/ca.pem', serverName: 'api.internal' },
      authority: 'api.example.com',
    },
    schema: { kind: 'protoFiles' as const, files: ['example.proto'], importPaths: ['protos'] },
    method: '/example.UserService/GetUser',
    messages: [
      {
        id: String(i),
        filter: { names: ['a', 'b', 'c'], active: true, limit: 50 },
        note: `{{$uuid}} ${'x'.repeat(i % 200)}`,
      },
    ],
    metadata: [
      { key: 'authorization', value: 'Bearer {{token}}' },
      { key: 'x-request-id', value: '{{$uuid}}' },
    ],
    deadlineMs: 5000,
    options: { emitDefaults: true },
    notes: `Saved request number ${i}.`,
  });
}

function rawRead(dir: string): number {
  let count = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }) as Dirent[]) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.grpc.json')) {
        JSON.parse(readFileSync(full, 'utf8'));
        count++;
      }
    }
  };
  walk(path.join(dir, 'collections'));
  return count;
}

function countRequests(nodes: ReturnType<ReturnType<typeof openWorkspace>['list']>): number {
  let n = 0;
  const walk = (list: readonly { kind: string; children?: unknown }[]): void => {
    for (const node of list) {
      if (node.kind === 'request') n++;
      else walk(node.children as { kind: string }[]);
    }
  };
  walk(nodes);
  return n;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-bench-ws-'));
try {
  openWorkspace(dir);
  // 10 collections × 10 folders × 50 requests, written directly: setup, not measured.
  for (let i = 0; i < REQUESTS; i++) {
    const folder = path.join(
      dir,
      'collections',
      `collection ${i % 10}`,
      `folder ${Math.floor(i / 10) % 10}`,
    );
    if (i < 100) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `request ${i}.grpc.json`), requestFileText(request(i)));
  }
  const raw: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so neither side always gets the warmer cache.
    const measureRaw = (): void => {
      const t = performance.now();
      if (rawRead(dir) !== REQUESTS) throw new Error('raw read missed files');
      raw.push(performance.now() - t);
    };
    const measureOurs = (): void => {
      const t = performance.now();
      const tree = openWorkspace(dir).list();
      if (countRequests(tree) !== REQUESTS) throw new Error('open missed files');
      ours.push(performance.now() - t);
    };
    if (round % 2 === 0) {
      measureRaw();
      measureOurs();
    } else {
      measureOurs();
      measureRaw();
    }
  }

  // Saved as the engine saves: told to a listener as a typed change (its tree node), nothing read.
  let told = 0;
  const ws = openWorkspace(dir, { onChange: (changes) => (told += changes.length) });
  const saves: number[] = [];
  let reads = 0;
  fileProbe.onRead = () => reads++;
  for (let i = 0; i < SAVES; i++) {
    const t = performance.now();
    ws.saveRequest('collection 0/folder 0/request 0', request(i % 2 === 0 ? 0 : 1));
    saves.push(performance.now() - t);
  }
  delete fileProbe.onRead;
  if (told !== SAVES) throw new Error(`expected ${SAVES} changes, got ${told}`);
  saves.sort((a, b) => a - b);
  const rawMs = median(raw);
  const oursMs = median(ours);
  const rows: Row[] = [
    // higherIsBetter=false: ratio = raw/ours, so ≥ 0.5 means "at most 2× raw".
    {
      name: `open ${REQUESTS} requests (median of ${ROUNDS})`,
      raw: rawMs,
      ours: oursMs,
      unit: 'ms',
      higherIsBetter: false,
      target: 0.5,
      extra: `(gwb/raw ${(oursMs / rawMs).toFixed(2)}×, target ≤ 2×)`,
    },
  ];
  printRows('Workspace: open vs raw read + JSON.parse (same files, same run)', rows);
  const p50 = percentile(saves, 50);
  const p99 = percentile(saves, 99);
  console.log(`\nSave one request (atomic, fsync), ${SAVES} saves`);
  console.log('| measure | p50 | p99 | max | target |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| save | ${p50.toFixed(2)} ms | ${p99.toFixed(2)} ms | ${(saves.at(-1) ?? NaN).toFixed(2)} ms | p99 < 20 ms ${p99 < 20 ? 'ok' : 'MISSED'} |`,
  );
  console.log(`\nFiles read by ${SAVES} saves in a workspace of ${REQUESTS}: ${reads} (target 0)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
