// `gwb run --snapshots`: each call stored as a recording in the workspace and compared with the
// recording diff. Against a real grpc-js server whose answers the test changes: a snapshot is
// created (reported NEW, never passed in silence), then passes, then fails after the server
// changes (the differing field named), passes again after --update-snapshots; a whole stream is
// compared message by message, with --snapshot-ignore leaving out its timestamps.
import * as grpc from '@grpc/grpc-js';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStubs } from '../../main/recording/recording.testkit.js';
import { resourcePath } from '../../main/resources.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import { gwb } from './cli.testkit.js';

let server: grpc.Server;
let port: number;
let ws: Workspace;
let dataDir: string;
const savedDataDir = process.env.GWB_DATA_DIR;
/** What the server answers; the tests change it. */
const answer = { name: 'Ada Lovelace', lineText: 'line' };

const run = (...args: string[]) => gwb(['run', 'snap', '--workspace', ws.dir, ...args]);

beforeAll(async () => {
  dataDir = tempDir('gwb-data-');
  process.env.GWB_DATA_DIR = dataDir;
  const stubs = exampleStubs();
  server = new grpc.Server();
  server.addService(stubs['UserService']!.service, {
    GetUser: (
      call: grpc.ServerUnaryCall<{ id: string }, unknown>,
      done: grpc.sendUnaryData<unknown>,
    ) => done(null, { id: call.request.id, name: answer.name, age: 36 }),
  });
  server.addService(stubs['LogService']!.service, {
    Tail: (call: grpc.ServerWritableStream<{ lines: number }, unknown>) => {
      for (let i = 1; i <= call.request.lines; i++)
        call.write({
          seq: String(i),
          // Differs on every run: what --snapshot-ignore is for.
          at: {
            seconds: String(Math.floor(Date.now() / 1000)),
            nanos: (i * 7919 + Date.now()) % 1e9,
          },
          level: 'INFO',
          text: `${answer.lineText} ${i}`,
        });
      call.end();
    },
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  ws = openWorkspace(tempDir());
  cpSync(resourcePath('protos'), path.join(ws.dir, 'protos'), { recursive: true });
  const base = {
    connection: { address: `127.0.0.1:${port}`, security: { kind: 'plaintext' as const } },
    schema: { kind: 'protoFiles' as const, files: ['example.proto'], importPaths: ['protos'] },
    metadata: [],
  };
  ws.saveRequest('snap/get user', sampleRequest({ ...base, messages: [{ id: '1' }] }));
  ws.saveRequest(
    'snap/tail',
    sampleRequest({
      ...base,
      method: '/example.LogService/Tail',
      messages: [{ source: 'x', lines: 50 }],
    }),
  );
});

afterAll(async () => {
  server.forceShutdown();
  removeDir(ws.dir);
  removeDir(dataDir);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

const snapshotOf = (name: string) => path.join(ws.dir, 'snapshots', 'snap', `${name}.ndjson`);

describe('gwb run --snapshots', () => {
  it('creates missing snapshots as NEW, passes on the same answers, fails when the server changes', async () => {
    const first = await run('--snapshots', '--snapshot-ignore', 'at');
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^ok {5}snap\/tail {2}OK {2}\d+ ms, snapshot NEW\n/m);
    expect(first.stdout).toMatch(/^ok {5}snap\/get user {2}OK {2}\d+ ms, snapshot NEW\n/m);
    expect(first.stdout).toMatch(/, snapshots: 2 new \(/);
    expect(first.code).toBe(0);
    // A recording in the workspace: the header, then the call's events.
    const stored = readFileSync(snapshotOf('tail'), 'utf8').split('\n');
    expect(JSON.parse(stored[0]!)).toMatchObject({
      format: 'gwb-recording',
      method: '/example.LogService/Tail',
    });
    expect(stored.filter((l) => l.includes('"type":"received"'))).toHaveLength(50);

    const same = await run('--snapshots', '--snapshot-ignore', 'at');
    expect(same.stdout).toMatch(/^ok {5}snap\/tail {2}OK {2}\d+ ms, snapshot passed\n/m);
    expect(same.stdout).toMatch(/^ok {5}snap\/get user {2}OK {2}\d+ ms, snapshot passed\n/m);
    expect(same.code).toBe(0);

    // Without the ignore path the stream's timestamps differ: the comparison really compares.
    const strict = await run('--snapshots');
    expect(strict.stdout).toMatch(/^FAILED snap\/tail /m);
    expect(strict.stdout).toContain('server message 1 differs');

    answer.name = 'Ada King';
    answer.lineText = 'row';
    const changed = await run('--snapshots', '--snapshot-ignore', 'at', '--reporter', 'json');
    expect(changed.code).toBe(1);
    const report = JSON.parse(changed.stdout);
    const user = report.results.find((r: { path: string }) => r.path === 'snap/get user');
    expect(user.ok).toBe(false);
    expect(user.snapshot).toMatchObject({
      state: 'failed',
      file: 'snapshots/snap/get user.ndjson',
    });
    expect(user.snapshot.differences).toContain('name');
    expect(user.snapshot.differences).toContain('Ada King');
    const tail = report.results.find((r: { path: string }) => r.path === 'snap/tail');
    expect(tail.snapshot.differences).toMatch(/server messages: 0 matching, 50 differing/);

    const updated = await run('--update-snapshots', '--snapshot-ignore', 'at');
    expect(updated.stdout).toMatch(/snap\/get user {2}OK {2}\d+ ms, snapshot updated\n/);
    expect(updated.code).toBe(0);
    const again = await run('--snapshots', '--snapshot-ignore', 'at');
    expect(again.stdout).toMatch(/snap\/get user {2}OK {2}\d+ ms, snapshot passed\n/);
    expect(again.code).toBe(0);
  });

  it('leaves snapshots alone without --snapshots', async () => {
    const result = await run();
    expect(result.stdout).not.toContain('snapshot');
    expect(existsSync(snapshotOf('get user'))).toBe(true);
  });
});
