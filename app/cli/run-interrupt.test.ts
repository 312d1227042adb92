// `gwb run` interrupted, as a real process: Ctrl-C (SIGINT) or SIGTERM while a collection run has a
// call in flight (an endless server stream) stops sending, cancels that call, still writes every
// report with what it has (each says the run was cancelled, each file whole) and exits 130 (143 for
// SIGTERM) at once — not after run.ts's 2 s wind-down — leaving nothing in its TMPDIR. The same
// while its request waits for a server that accepts TCP and never speaks HTTP/2 (its schema asked
// by reflection).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { sampleRequest } from '../../main/workspace/workspace.testkit.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { buildGwb } from './built-gwb.testkit.js';
import {
  EXIT_OF_SIGNAL,
  PROMPTLY_MS,
  spawnGwb,
  startSilentServer,
  until,
  type SignalledGwb,
  type SignalledRun,
  type SilentServer,
} from './signalled-gwb.testkit.js';

let server: DemoServer;
let buildDir = '';
let gwbBin = '';
let ws: Workspace;
let running: SignalledGwb | undefined;
let silent: SilentServer;

function save(requestPath: string, doc: Partial<RequestDocument>, address = serverAddress()): void {
  ws.saveRequest(
    requestPath,
    sampleRequest({
      connection: { address, security: { kind: 'plaintext' } },
      metadata: [],
      ...doc,
    }),
  );
}

const serverAddress = (): string => `127.0.0.1:${server.port}`;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  ({ dir: buildDir, bin: gwbBin } = await buildGwb('gwb-run-interrupt-'));
  ws = openWorkspace(path.join(buildDir, 'ws'));
  save('live/1 get user', { messages: [{ id: '1' }] });
  save('live/2 tail forever', {
    method: '/example.LogService/Tail',
    messages: [{ source: 'app', lines: 0, intervalMs: 20 }],
    deadlineMs: 600_000,
  });
  silent = await startSilentServer();
  save('silent/get user', { messages: [{ id: '1' }] }, silent.address);
}, 120_000);

afterEach(() => {
  running?.kill();
  running = undefined;
});

afterAll(async () => {
  silent?.close();
  await server?.close();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

/** `gwb run TARGET` three times over, with every report: cli on stdout, the others in files. */
function spawnRun(target: string, name: string) {
  const reports = path.join(buildDir, `reports-${name}`);
  const file = (report: string): string => path.join(reports, report);
  mkdirSync(reports);
  const gwb = spawnGwb(
    gwbBin,
    [
      ...['run', target, '--iterations', '3', '--workspace', ws.dir],
      ...['--reporter', 'cli', '--reporter', `json:${file('run.json')}`],
      ...['--reporter', `junit:${file('run.xml')}`, '--reporter', `tap:${file('run.tap')}`],
    ],
    { scratch: buildDir, env: { GWB_DATA_DIR: path.join(buildDir, 'data') } },
  );
  running = gwb;
  return { gwb, file };
}

function expectCancelledAtOnce(run: SignalledRun, signal: keyof typeof EXIT_OF_SIGNAL): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({
    code: EXIT_OF_SIGNAL[signal],
    stderr: '',
  });
  expect(run.afterSignalMs).toBeLessThan(PROMPTLY_MS);
  expect(run.leftInTmp).toEqual([]);
  expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/ \(\d+\.\d s\), cancelled$/);
}

describe.each(['SIGINT', 'SIGTERM'] as const)('gwb run and %s', (signal) => {
  it('cancels the call in flight, writes every report whole and says so, exits 130 (143 for SIGTERM) at once', async () => {
    const { gwb, file } = spawnRun('live', `${signal}-live`);
    // The first request's line is printed: the second, an endless stream, is starting or
    // running, and only the cancel can end this run.
    await until(
      () => /^ok +live\/1 get user /m.test(gwb.stdout()),
      'the first request printed',
      gwb,
    );
    const run = await gwb.interrupt(signal);
    expectCancelledAtOnce(run, signal);

    const json = JSON.parse(readFileSync(file('run.json'), 'utf8')) as { cancelled: boolean };
    expect(json.cancelled).toBe(true);
    // Well-formed XML (a half-written file is not); the call cut short is a failure of its own.
    execFileSync('xmllint', ['--noout', file('run.xml')]);
    const xml = readFileSync(file('run.xml'), 'utf8');
    expect(xml).toMatch(/<\/testsuites>\n$/);
    expect(xml).toContain('live/1 get user');
    // 2 requests 3 times over: the first ran, and the stream cancelled in flight is reported.
    expect(xml).toContain('after 2 of 6 requests: the other 4 did not run');
    const tap = readFileSync(file('run.tap'), 'utf8');
    expect(tap).toMatch(/\nBail out! cancelled\n$/);
  });

  it('while its request waits for a server that never answers: the same', async () => {
    const before = silent.accepted();
    const { gwb, file } = spawnRun('silent', `${signal}-silent`);
    await until(() => silent.accepted() > before, 'gwb connected to the silent server', gwb);
    const run = await gwb.interrupt(signal);
    expectCancelledAtOnce(run, signal);
    expect(JSON.parse(readFileSync(file('run.json'), 'utf8'))).toMatchObject({ cancelled: true });
    execFileSync('xmllint', ['--noout', file('run.xml')]);
    expect(readFileSync(file('run.xml'), 'utf8')).toContain('silent/get user');
  });
});
