// `gwb run` carrying values from one request to the next, and data-driven runs, on the demo
// server: a chain of three (a client stream's answer captured, used by a unary call whose answer
// is captured in turn and sent in a bidi stream), and a run over a CSV of 50 rows, one iteration
// per row, its columns as variables.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { DEMO_USERS } from '../../main/demo/demo-data.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { gwb } from './cli.testkit.js';

let server: DemoServer;
let ws: Workspace;
// The secret requests have a workspace and data folder of their own: every file in them is
// searched for the secret, and the chain's requests name the same user in the clear.
let secretWs: Workspace;
let secretDataDir: string;
let dataDir: string;
let files: string;
const savedDataDir = process.env.GWB_DATA_DIR;

const run = (...args: string[]) => gwb(['run', ...args, '--workspace', ws.dir]);

function save(requestPath: string, doc: Partial<RequestDocument>, into = ws): void {
  into.saveRequest(
    requestPath,
    sampleRequest({
      connection: { address: `127.0.0.1:${server.port}`, security: { kind: 'plaintext' } },
      metadata: [],
      ...doc,
    }),
  );
}

beforeAll(async () => {
  dataDir = tempDir('gwb-data-');
  files = tempDir('gwb-data-files-');
  process.env.GWB_DATA_DIR = dataDir;
  server = await startDemoServer({ port: 0 });
  ws = openWorkspace(tempDir());
  secretWs = openWorkspace(tempDir());
  secretDataDir = tempDir('gwb-secret-data-');
  save('chain/1 upload', {
    method: '/example.BatchService/Upload',
    messages: [{ key: '42', text: 'x' }],
    assertions: [{ expr: 'response.count == 1' }],
    captures: [{ name: 'userId', expr: 'response.keys[0]' }],
  });
  save('chain/2 get user', {
    messages: [{ id: '{{userId}}' }],
    assertions: [{ expr: 'response.name == "Douglas Adams"' }],
    captures: [{ name: 'name', expr: 'response.name' }],
  });
  save('chain/3 chat', {
    method: '/example.ChatService/Chat',
    messages: [{ sender: '{{name}}', content: 'hi' }],
    assertions: [
      { expr: 'messages.size() == 1' },
      { expr: 'messages[0].content == "Hello, Douglas Adams!"' },
    ],
  });
  save(
    'secret/1 get user',
    {
      messages: [{ id: '42' }],
      captures: [{ name: 'who', expr: 'response.name', secret: true }],
      assertions: [{ expr: 'response.name == "nobody"' }],
    },
    secretWs,
  );
  save(
    'secret/2 chat',
    {
      method: '/example.ChatService/Chat',
      messages: [{ sender: '{{who}}', content: 'hi' }],
      assertions: [{ expr: 'messages[0].content.startsWith("Hello, ")' }],
    },
    secretWs,
  );
  save('data/get user', {
    messages: [{ id: '{{id}}' }],
    metadata: [{ key: 'x-row', value: '{{row}}' }],
    assertions: [{ expr: 'status.code == 0' }, { expr: 'response.name != ""' }],
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

afterAll(async () => {
  await server.close();
  removeDir(ws.dir);
  removeDir(secretWs.dir);
  removeDir(secretDataDir);
  removeDir(dataDir);
  removeDir(files);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

describe('gwb run: captured values', () => {
  it('runs a chain of three, each request using what the one before it captured', async () => {
    const result = await run('chain');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^ok {5}chain\/1 upload {2}OK {2}\d+ ms, 1\/1 assertions, captured userId\nok {5}chain\/2 get user {2}OK {2}\d+ ms, 1\/1 assertions, captured name\nok {5}chain\/3 chat {2}OK {2}\d+ ms, 2\/2 assertions\n3 requests, 4 assertions: 4 passed, 0 failed \(\d+\.\d s\)\n$/,
    );
    expect(result.code).toBe(0);
  });

  it('the second request alone has no value for {{userId}}: it fails, nothing is sent', async () => {
    const result = await run('chain', '--filter', '2 get');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('unknown variable: {{userId}} in messages[0].id');
    expect(result.stdout).toContain('nothing was sent');
  });
});

describe('gwb run: a secret captured value', () => {
  it('is sent, and masked in every report; its request keeps no snapshot', async () => {
    const json = path.join(files, 'secret.json');
    const junit = path.join(files, 'secret.xml');
    process.env.GWB_DATA_DIR = secretDataDir;
    const result = await gwb([
      'run',
      'secret',
      '--snapshots',
      '--reporter',
      `json:${json}`,
      '--reporter',
      `junit:${junit}`,
      '--workspace',
      secretWs.dir,
    ]).finally(() => (process.env.GWB_DATA_DIR = dataDir));
    // The failing assertion saw the name: it is shown masked.
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('saw response.name = "[secret:who]"');
    expect(result.stdout).toContain(
      'snapshot skipped: it captures a secret, and a snapshot would write its value to a file',
    );
    const report = readFileSync(json, 'utf8');
    // It was sent: the chat answered with it (masked there too).
    expect(JSON.parse(report).results[1].responses[0].content).toBe('Hello, [secret:who]!');
    for (const text of [result.stdout, result.stderr, report, readFileSync(junit, 'utf8')])
      expect(text).not.toContain('Douglas Adams');
    const snapshots = path.join(secretWs.dir, 'snapshots', 'secret');
    expect(readdirSync(snapshots)).toEqual(['2 chat.ndjson']);
    // No file of the workspace (history above all: it keeps the call that captured the value)
    // or of the data folder holds the value.
    const kept = [...filesUnder(secretWs.dir), ...filesUnder(secretDataDir)];
    expect(kept.some((f) => f.includes(`${path.sep}history${path.sep}`))).toBe(true);
    for (const file of kept) expect(readFileSync(file, 'utf8'), file).not.toContain('Douglas');
  });
});

describe('gwb run --data', () => {
  it('runs one iteration per CSV row, its columns as variables', async () => {
    // 50 rows over the demo's users; every 10th asks for a user that does not exist.
    const rows = Array.from({ length: 50 }, (_, i) => {
      const id = (i + 1) % 10 === 0 ? '999' : DEMO_USERS[i % DEMO_USERS.length]!.id;
      return `${id},"row ${i + 1}, quoted"`;
    });
    const csv = path.join(files, 'users.csv');
    writeFileSync(csv, `id,row\r\n${rows.join('\r\n')}\r\n`);
    const json = path.join(files, 'report.json');
    const result = await run('data', '--data', csv, '--reporter', `json:${json}`);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(
      /^50 requests, 100 assertions: 90 passed, 10 failed \(\d+\.\d s\)$/,
    );
    expect(lines.filter((l) => l.startsWith('iteration '))).toHaveLength(50);
    expect(lines).toContain('iteration 10/50');
    const report = JSON.parse((await import('node:fs')).readFileSync(json, 'utf8'));
    expect(report.iterations).toBe(50);
    const failed = report.results.filter((r: { ok: boolean }) => !r.ok);
    expect(failed.map((r: { iteration: number }) => r.iteration)).toEqual([10, 20, 30, 40, 50]);
    expect(report.results[3].responses[0]).toMatchObject({ id: '42', name: 'Douglas Adams' });
  });

  it('takes a JSON array of rows too, and --iterations cycles through them', async () => {
    const file = path.join(files, 'rows.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 1, row: 'a' },
        { id: '3', row: 'b' },
      ]),
    );
    const result = await run('data', '--data', file, '--iterations', '3', '--reporter', 'json');
    const report = JSON.parse(result.stdout);
    expect(
      report.results.map((r: { responses: { name: string }[] }) => r.responses[0]?.name),
    ).toEqual(['Ada Lovelace', 'Grace Hopper', 'Ada Lovelace']);
    expect(result.code).toBe(0);
  });
});
