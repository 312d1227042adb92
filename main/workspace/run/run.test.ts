import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resourcePath } from '../../resources.js';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import {
  collectionLs,
  memorySecretStore,
  openWorkspace,
  requestRun,
  runCollection,
  type Workspace,
} from '../index.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';

let server: DemoServer;
let ws: Workspace;
const secrets = memorySecretStore();
const opts = { secrets, recordHistory: true };

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  ws = openWorkspace(tempDir(), { secrets });
  ws.schemaSources.save({
    id: 'demo',
    kind: 'protoFiles',
    files: ['example.proto'],
    importPaths: [resourcePath('protos')],
  });
  const connection = { address: '{{host}}', security: { kind: 'plaintext' as const } };
  ws.saveRequest(
    'demo/1 get user',
    sampleRequest({ connection, schemaSource: 'demo', body: { id: '{{userId}}' } }),
  );
  ws.saveRequest(
    'demo/2 missing user',
    sampleRequest({ connection, schemaSource: 'demo', body: { id: '999' } }),
  );
  // No schema source: reflection on the request's own address.
  ws.saveRequest(
    'demo/streams/tail',
    sampleRequest({
      connection,
      method: '/example.LogService/Tail',
      body: { source: 'app', lines: 2, intervalMs: 1 },
    }),
  );
  ws.saveRequest(
    'demo/streams/upload',
    sampleRequest({
      connection,
      schemaSource: 'demo',
      method: '/example.BatchService/Upload',
      body: [
        { key: 'a', text: 'x' },
        { key: 'b', number: 2 },
      ],
    }),
  );
  ws.saveRequest(
    'ok/get user',
    sampleRequest({ connection, schemaSource: 'demo', body: { id: '2' } }),
  );
  await ws.environments.save({
    name: 'local',
    variables: [
      { name: 'host', value: `127.0.0.1:${server.port}` },
      { name: 'userId', value: '1' },
    ],
  });
});

afterAll(async () => {
  await server.close();
  removeDir(ws.dir);
});

describe('requestRun', () => {
  it('prints the response as a call does and exits 0', async () => {
    const result = await requestRun(ws.dir, 'demo/1 get user', { ...opts, env: 'local' });
    expect(result).toEqual({
      exitCode: 0,
      stdout: '{\n  "id": "1",\n  "name": "Ada Lovelace",\n  "age": 36\n}\n',
      stderr: '',
    });
    const last = ws.history.list({ limit: 1 }).entries[0]!;
    expect(last).toMatchObject({
      requestPath: 'demo/1 get user',
      environment: 'local',
      status: { code: 0 },
    });
    // History keeps the template, not the substituted request.
    expect(last.request.body).toEqual({ id: '{{userId}}' });
    const types = last.events.map((e) => (e as { type: string }).type);
    expect(types[0]).toBe('started');
    expect(types).toEqual(expect.arrayContaining(['sent', 'received', 'status']));
    expect(types.at(-1)).toBe('ended');
  });

  it('prints a failed status like grpcurl and exits 64 + code', async () => {
    const result = await requestRun(ws.dir, 'demo/2 missing user', { ...opts, env: 'local' });
    expect(result.exitCode).toBe(64 + 5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^ERROR:\n {2}Code: NotFound\n {2}Message: user "999" not found\n {2}Details:\n/,
    );
  });

  it('runs streaming requests: server stream by reflection, client stream from a body array', async () => {
    const tail = await requestRun(ws.dir, 'demo/streams/tail', { ...opts, env: 'local' });
    expect(tail.exitCode).toBe(0);
    expect(tail.stdout.match(/"seq": /g)).toHaveLength(2);
    const upload = await requestRun(ws.dir, 'demo/streams/upload', { ...opts, env: 'local' });
    expect(upload.stderr).toBe('');
    expect(JSON.parse(upload.stdout)).toMatchObject({ count: 2, keys: ['a', 'b'] });
  });

  it('cancels the call in flight on abort and exits 130', async () => {
    ws.saveRequest(
      'slow/tail',
      sampleRequest({
        connection: { address: '{{host}}', security: { kind: 'plaintext' } },
        schemaSource: 'demo',
        method: '/example.LogService/Tail',
        body: { source: 'app', lines: 1000, intervalMs: 1000 },
      }),
    );
    const controller = new AbortController();
    const live: string[] = [];
    // Abort as soon as the first line is printed (live, before the stream ends).
    const result = await requestRun(ws.dir, 'slow/tail', {
      ...opts,
      env: 'local',
      signal: controller.signal,
      onStdout: (text) => {
        live.push(text);
        controller.abort();
      },
    });
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toBe('');
    expect(live).toHaveLength(1);
    expect(result.stdout).toBe(live[0]);
    ws.deleteFolder('slow');
  });

  it('reports unknown variables before sending anything', async () => {
    const before = ws.history.list().entries.length;
    const result = await requestRun(ws.dir, 'demo/1 get user', opts);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'gwb: demo/1 get user: unknown variables: {{host}} in address, {{userId}} in body.id; nothing was sent\n',
    });
    expect(ws.history.list().entries.length).toBe(before);
  });

  it('says what is wrong: no such request, environment, server or field', async () => {
    expect((await requestRun(ws.dir, 'demo/nope', opts)).stderr).toMatch(
      /^gwb: no saved request at .*nope\.grpc\.json\n$/,
    );
    expect((await requestRun(ws.dir, 'demo/1 get user', { ...opts, env: 'staging' })).stderr).toBe(
      'gwb: no environment named "staging"\n',
    );
    ws.saveRequest(
      'bad/field',
      sampleRequest({
        connection: { address: `127.0.0.1:${server.port}`, security: { kind: 'plaintext' } },
        schemaSource: 'demo',
        body: { nmae: 'x' },
      }),
    );
    const field = await requestRun(ws.dir, 'bad/field', opts);
    expect(field.exitCode).toBe(1);
    expect(field.stderr).toMatch(/^gwb: bad\/field: body: .*nmae/);
    ws.saveRequest(
      'bad/down',
      sampleRequest({
        connection: { address: '127.0.0.1:1', security: { kind: 'plaintext' } },
        schemaSource: 'demo',
      }),
    );
    const down = await requestRun(ws.dir, 'bad/down', { ...opts, connectTimeoutMs: 300 });
    expect(down).toMatchObject({
      exitCode: 1,
      stderr: 'gwb: bad/down: failed to connect to 127.0.0.1:1 within 0.3 s\n',
    });
    ws.deleteFolder('bad');
  });
});

describe('runCollection', () => {
  it('runs every request in order; one failure makes the exit non-zero; JUnit XML is well-formed', async () => {
    const result = await runCollection(ws.dir, 'demo', {
      ...opts,
      env: 'local',
      reporter: 'junit',
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="gwb" tests="4" failures="1" /,
    );
    expect(result.stdout).toContain(
      '<failure type="NotFound" message="user &quot;999&quot; not found">',
    );
    // A real XML parser (Python's expat) must accept it.
    const parsed = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(len(d.getElementsByTagName("testcase")))',
      ],
      {
        input: result.stdout,
        encoding: 'utf8',
      },
    );
    expect(parsed.stderr).toBe('');
    expect(parsed.stdout.trim()).toBe('4');
  });

  it('reports as JSON and as text; an all-passing collection exits 0', async () => {
    const json = await runCollection(ws.dir, 'demo', { ...opts, env: 'local', reporter: 'json' });
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ collection: 'demo', total: 4, passed: 3, failed: 1 });
    expect(report.results.map((r: { path: string; ok: boolean }) => [r.path, r.ok])).toEqual([
      ['demo/streams/tail', true],
      ['demo/streams/upload', true],
      ['demo/1 get user', true],
      ['demo/2 missing user', false],
    ]);
    expect(report.results[3]).toMatchObject({ exitCode: 69, code: 5, codeName: 'NotFound' });
    const text = await runCollection(ws.dir, 'ok', { ...opts, env: 'local' });
    expect(text).toEqual({
      exitCode: 0,
      stdout: expect.stringMatching(
        /^# ok\/get user \(\d+ ms\) ok\n\{\n {2}"id": "2",[\s\S]*\n1 passed, 0 failed\n$/,
      ),
      stderr: '',
    });
    expect((await runCollection(ws.dir, 'nope', opts)).stderr).toBe(
      'gwb: no collection or folder nope\n',
    );
  });

  it('lists the workspace as `gwb collection ls` does', () => {
    const out = collectionLs(ws.dir);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(
      [
        'demo/',
        '  streams/',
        '    tail  /example.LogService/Tail',
        '    upload  /example.BatchService/Upload',
        '  1 get user  /example.UserService/GetUser',
        '  2 missing user  /example.UserService/GetUser',
        'ok/',
        '  get user  /example.UserService/GetUser',
        '',
      ].join('\n'),
    );
  });
});
