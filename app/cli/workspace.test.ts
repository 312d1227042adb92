import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import type { SchemaSourceSpec } from '../../shared/request/schema-source.js';
import { gwb } from './cli.testkit.js';

// `gwb request run` and `gwb run` through the engine, on a workspace saved for this run, against
// the demo server: output, exit codes, history, reporters, and call flags over saved requests.
let server: DemoServer;
let ws: Workspace;
let dataDir: string;
const savedDataDir = process.env.GWB_DATA_DIR;
// Inside the workspace (copied there): a saved request loads schema files from there only.
const demoFiles: SchemaSourceSpec = {
  kind: 'protoFiles',
  files: ['example.proto'],
  importPaths: ['protos'],
};
const connection = { address: '{{host}}', security: { kind: 'plaintext' as const } };

const requestRun = (path: string, ...more: string[]) =>
  gwb(['request', 'run', path, '--workspace', ws.dir, ...more]);
const runCollection = (collection: string, ...more: string[]) =>
  gwb(['run', collection, '--workspace', ws.dir, ...more]);

beforeAll(async () => {
  // The engine's data folder (secrets, history settings) stays out of the user's home.
  dataDir = tempDir('gwb-data-');
  process.env.GWB_DATA_DIR = dataDir;
  server = await startDemoServer({ port: 0 });
  ws = openWorkspace(tempDir());
  cpSync(resourcePath('protos'), path.join(ws.dir, 'protos'), { recursive: true });
  ws.saveRequest(
    'demo/1 get user',
    sampleRequest({ connection, schema: demoFiles, messages: [{ id: '{{userId}}' }] }),
  );
  ws.saveRequest(
    'demo/2 missing user',
    sampleRequest({ connection, schema: demoFiles, messages: [{ id: '999' }] }),
  );
  // No schema source: reflection on the request's own address.
  ws.saveRequest(
    'demo/streams/tail',
    sampleRequest({
      connection,
      method: '/example.LogService/Tail',
      messages: [{ source: 'app', lines: 2, intervalMs: 1 }],
    }),
  );
  ws.saveRequest(
    'demo/streams/upload',
    sampleRequest({
      connection,
      schema: demoFiles,
      method: '/example.BatchService/Upload',
      messages: [
        { key: 'a', text: 'x' },
        { key: 'b', number: 2 },
      ],
    }),
  );
  ws.saveRequest(
    'ok/get user',
    sampleRequest({ connection, schema: demoFiles, messages: [{ id: '2' }] }),
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
  removeDir(dataDir);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

describe('gwb request run', () => {
  it('prints the response as a call does, exits 0 and keeps the template in history', async () => {
    const result = await requestRun('demo/1 get user', '--env', 'local');
    expect(result).toEqual({
      code: 0,
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
    expect(last.request.messages).toEqual([{ id: '{{userId}}' }]);
    const types = last.events.map((e) => (e as { type: string }).type);
    expect(types[0]).toBe('started');
    expect(types).toEqual(expect.arrayContaining(['sent', 'received', 'status']));
    expect(types.at(-1)).toBe('ended');
  });

  it('prints a failed status like grpcurl and exits 64 + code', async () => {
    const result = await requestRun('demo/2 missing user', '--env', 'local');
    expect(result.code).toBe(64 + 5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^ERROR:\n {2}Code: NotFound\n {2}Message: user "999" not found\n {2}Details:\n/,
    );
  });

  it('runs streams: a server stream by reflection, a client stream of two messages', async () => {
    const tail = await requestRun('demo/streams/tail', '--env', 'local');
    expect(tail.code).toBe(0);
    expect(tail.stdout.match(/"seq": /g)).toHaveLength(2);
    const upload = await requestRun('demo/streams/upload', '--env', 'local');
    expect(upload.stderr).toBe('');
    expect(JSON.parse(upload.stdout)).toMatchObject({ count: 2, keys: ['a', 'b'] });
  });

  it('cancels the call in flight on Ctrl-C and exits 130', async () => {
    ws.saveRequest(
      'slow/tail',
      sampleRequest({
        connection,
        schema: demoFiles,
        method: '/example.LogService/Tail',
        messages: [{ source: 'app', lines: 1000, intervalMs: 1000 }],
      }),
    );
    const controller = new AbortController();
    const live: string[] = [];
    // Abort as soon as the first line is printed (live, before the stream ends).
    const result = await gwb(
      ['request', 'run', 'slow/tail', '--env', 'local', '--workspace', ws.dir],
      {
        signal: controller.signal,
        onStdout: (text) => {
          live.push(text);
          controller.abort();
        },
      },
    );
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('');
    expect(live).toHaveLength(1);
    expect(result.stdout).toBe(live[0]);
    ws.deleteFolder('slow');
  });

  it('reports unknown variables before sending anything', async () => {
    const before = ws.history.list().entries.length;
    const result = await requestRun('demo/1 get user');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(
        /^gwb: demo\/1 get user: unknown variables: \{\{host\}\} in .*address.*, \{\{userId\}\} in .*messages.*; nothing was sent\n$/,
      ),
    });
    expect(ws.history.list().entries.length).toBe(before);
  });

  it('says what is wrong: no such request, environment, server or field', async () => {
    expect((await requestRun('demo/nope')).stderr).toMatch(/^gwb: .*nope.*\n$/);
    expect((await requestRun('demo/1 get user', '--env', 'staging')).stderr).toMatch(
      /^gwb: .*staging.*\n$/,
    );
    const address = {
      address: `127.0.0.1:${server.port}`,
      security: { kind: 'plaintext' as const },
    };
    ws.saveRequest(
      'bad/field',
      sampleRequest({ connection: address, schema: demoFiles, messages: [{ nmae: 'x' }] }),
    );
    const field = await requestRun('bad/field');
    expect(field.code).toBe(1);
    expect(field.stderr).toMatch(/^gwb: bad\/field: .*nmae/);
    ws.saveRequest(
      'bad/down',
      sampleRequest({
        connection: { address: '127.0.0.1:1', security: { kind: 'plaintext' } },
        schema: demoFiles,
      }),
    );
    const down = await requestRun('bad/down', '--connect-timeout', '0.3');
    expect(down).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^gwb: bad\/down: failed to connect to 127\.0\.0\.1:1: connection refused\n$/,
      ),
    });
    ws.deleteFolder('bad');
  });

  it('lays call flags over the saved request: metadata, deadline, connection', async () => {
    ws.saveRequest(
      'flags/echo',
      sampleRequest({
        connection: { address: `127.0.0.1:${server.port}`, security: { kind: 'tls' } },
        schema: demoFiles,
        messages: [{ id: '2' }],
        metadata: [],
      }),
    );
    // Saved as TLS: the demo server speaks plain text, so the flag is what makes it work.
    const r = await requestRun('flags/echo', '-plaintext', '-rpc-header', 'x-echo-token: abc');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'Alan Turing' });
    const last = ws.history.list({ limit: 1 }).entries[0]!;
    const started = last.events[0] as { type: string; metadata: { key: string }[] };
    expect(started.metadata).toEqual([{ key: 'x-echo-token', value: 'abc' }]);
    expect((await requestRun('flags/echo', '--frobnicate')).stderr).toMatch(
      /^gwb request: unknown option -frobnicate/,
    );
    ws.deleteFolder('flags');
  });
});

describe('gwb run', () => {
  it('runs every request in order; one failure makes the exit non-zero; JUnit XML is well-formed', async () => {
    const result = await runCollection('demo', '--env', 'local', '--reporter', 'junit');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="gwb" tests="4" failures="1" /,
    );
    expect(result.stdout).toContain(
      '<failure type="NotFound" message="user &quot;999&quot; not found">status NotFound: user &quot;999&quot; not found</failure>',
    );
    // A real XML parser (Python's expat) must accept it.
    const parsed = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(len(d.getElementsByTagName("testcase")))',
      ],
      { input: result.stdout, encoding: 'utf8' },
    );
    expect(parsed.stderr).toBe('');
    expect(parsed.stdout.trim()).toBe('4');
  });

  it('reports as JSON and as text; an all-passing collection exits 0', async () => {
    const json = await runCollection('demo', '--env', 'local', '--reporter', 'json');
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ collection: 'demo', total: 4, passed: 3, failed: 1 });
    expect(report.results.map((r: { path: string; ok: boolean }) => [r.path, r.ok])).toEqual([
      ['demo/streams/tail', true],
      ['demo/streams/upload', true],
      ['demo/1 get user', true],
      ['demo/2 missing user', false],
    ]);
    expect(report.results[3]).toMatchObject({ code: 5, codeName: 'NotFound' });
    const text = await runCollection('ok', '--env', 'local');
    expect(text).toEqual({
      code: 0,
      stdout: expect.stringMatching(
        /^ok {4} ok\/get user {2}OK {2}\d+ ms\n1 request, 0 assertions: 0 passed, 0 failed \(\d+\.\d s\)\n$/,
      ),
      stderr: '',
    });
    expect((await runCollection('nope')).stderr).toBe(
      'gwb: no collection, folder or request nope\n',
    );
  });
});

describe('gwb workspace commands', () => {
  it('explain wrong usage in one line', async () => {
    const hint = (command: string): string => `Try 'gwb ${command} --help' for more details.\n`;
    expect(await gwb(['collection'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `gwb collection: unknown action (none); try gwb collection ls\n${hint('collection')}`,
    });
    expect((await gwb(['request', 'run'])).stderr).toBe(
      `gwb request: run needs COLLECTION/PATH\n${hint('request')}`,
    );
    expect((await gwb(['run', 'demo', '--reporter', 'xml'])).stderr).toBe(
      `gwb run: --reporter is cli, junit, json, tap (NAME or NAME:FILE), not "xml"\n${hint('run')}`,
    );
  });

  it('refuse a folder that is not a workspace, and create nothing there', async () => {
    const parent = tempDir('gwb-not-ws-');
    const typo = path.join(parent, 'my-workspce');
    const plain = path.join(parent, 'plain');
    mkdirSync(plain);
    const hint = 'create one by opening the folder in the workbench';
    for (const args of [
      ['collection', 'ls'],
      ['request', 'run', 'demo/1 get user'],
      ['run', 'demo'],
    ]) {
      const missing = await gwb([...args, '--workspace', typo]);
      expect(missing).toEqual({
        code: 1,
        stdout: '',
        stderr: expect.stringContaining(`gwb: --workspace ${typo} does not exist; ${hint}`),
      });
      const notOne = await gwb([...args, '--workspace', plain]);
      expect(notOne.code).toBe(1);
      expect(notOne.stderr).toContain(
        `gwb: --workspace ${plain} is not a workspace (no workspace.json); ${hint}`,
      );
    }
    expect(existsSync(typo)).toBe(false);
    expect(readdirSync(plain)).toEqual([]);
    // No --workspace: the default one in the data folder, refused the same way until it exists.
    const noDefault = await gwb(['collection', 'ls']);
    expect(noDefault.code).toBe(1);
    expect(noDefault.stderr).toContain(
      `gwb: no workspace yet at ${path.join(dataDir, 'workspace')}`,
    );
    expect(existsSync(path.join(dataDir, 'workspace'))).toBe(false);
    removeDir(parent);
  });

  it('lists the workspace tree', async () => {
    const out = await gwb(['collection', 'ls', '--workspace', ws.dir]);
    expect(out.code).toBe(0);
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
