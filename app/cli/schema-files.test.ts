import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { gwb, jsonMessages } from './cli.testkit.js';

// gwb with -proto / -protoset against a server that has no reflection, so the files are all it has.
const wellKnownProtos = path.dirname(
  createRequire(import.meta.url).resolve('google-proto-files/package.json'),
);
let bare: DemoServer;
let target: string;
let dir: string;
let protoset: string;

beforeAll(async () => {
  bare = await startDemoServer({ reflection: false });
  target = `127.0.0.1:${bare.port}`;
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-'));
  mkdirSync(path.join(dir, 'api'));
  mkdirSync(path.join(dir, 'extra'));
  copyFileSync(resourcePath('protos', 'example.proto'), path.join(dir, 'api', 'example.proto'));
  writeFileSync(
    path.join(dir, 'extra', 'wrapper.proto'),
    'syntax = "proto3";\npackage wrap;\nimport "example.proto";\nmessage Wrapped { example.User user = 1; }\n',
  );
  writeFileSync(
    path.join(dir, 'extra', 'broken.proto'),
    'syntax = "proto3";\nmessage Broken {\n  string a = ;\n}\n',
  );
  protoset = path.join(dir, 'example.protoset');
  await promisify(execFile)('/usr/bin/protoc', [
    '--include_imports',
    `--descriptor_set_out=${protoset}`,
    `-I${path.join(dir, 'api')}`,
    // google/protobuf/*.proto, where Debian's libprotobuf-dev is not installed.
    `-I${wellKnownProtos}`,
    'example.proto',
  ]);
});

afterAll(async () => {
  await bare.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('gwb with proto files', () => {
  const protoFlags = (): string[] => [
    '-import-path',
    path.join(dir, 'api'),
    '-import-path',
    path.join(dir, 'extra'),
    '-proto',
    'wrapper.proto',
  ];

  it('fails over reflection on this server, to show the files are what makes it work', async () => {
    const r = await gwb(['-plaintext', target, 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gwb: .*reflection.*\n$/i);
  });

  it('lists and describes from files with no address', async () => {
    const list = await gwb(['list', ...protoFlags()]);
    expect(list.stdout).toBe(
      'example.BatchService\nexample.ChatService\nexample.FileService\nexample.LogService\nexample.UserService\n',
    );
    const described = await gwb([...protoFlags(), 'describe', 'wrap.Wrapped']);
    expect(described.stdout).toBe(
      'wrap.Wrapped is a message:\nmessage Wrapped {\n  .example.User user = 1;\n}\n',
    );
  });

  it('makes every kind of call with the imported files', async () => {
    const unary = await gwb([
      '-plaintext',
      ...protoFlags(),
      '-d',
      '{"id":"1"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(JSON.parse(unary.stdout)).toEqual({ id: '1', name: 'Ada Lovelace', age: 36 });
    const stream = await gwb([
      '-plaintext',
      ...protoFlags(),
      '-d',
      '{"lines":2,"interval_ms":1}',
      target,
      'example.LogService/Tail',
    ]);
    expect(jsonMessages(stream.stdout)).toHaveLength(2);
    const upload = await gwb([
      '-plaintext',
      ...protoFlags(),
      '-d',
      '{"key":"k","number":4}{"key":"l"}',
      target,
      'example.BatchService/Upload',
    ]);
    expect(JSON.parse(upload.stdout)).toEqual({ count: 2, total: 4, keys: ['k', 'l'] });
    const chat = await gwb([
      '-plaintext',
      ...protoFlags(),
      '-d',
      '{"sender":"Q"}',
      target,
      'example.ChatService/Chat',
    ]);
    expect(jsonMessages(chat.stdout)).toEqual([{ sender: 'Workbench', content: 'Hello, Q!' }]);
  });

  it('decodes error details with files too', async () => {
    const r = await gwb([
      '-plaintext',
      ...protoFlags(),
      '-d',
      '{"id":"0"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(69);
    expect(r.stderr).toContain('"resourceName": "users/0"');
  });

  it('says which import is missing and where it looked', async () => {
    const r = await gwb([
      '-import-path',
      path.join(dir, 'extra'),
      '-proto',
      'wrapper.proto',
      'list',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gwb: .*example\.proto.*\n$/);
    expect(r.stderr).toContain(path.join(dir, 'extra'));
  });

  it('reports a bad file before trying to connect', async () => {
    const r = await gwb([
      '-plaintext',
      '-connect-timeout',
      '5',
      '-import-path',
      path.join(dir, 'extra'),
      '-proto',
      'broken.proto',
      '127.0.0.1:1',
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gwb: .*broken\.proto:3.*\n$/);
  });

  it('reports an unknown method of the files before trying to connect', async () => {
    const r = await gwb([
      '-plaintext',
      '-connect-timeout',
      '30',
      '-proto',
      resourcePath('protos', 'example.proto'),
      '127.0.0.1:1',
      'example.UserService/Nope',
    ]);
    expect(r.code).toBe(1);
    // Not the connection error a 30 s connect attempt to a closed port would end in.
    expect(r.stderr).toBe(
      'gwb: service example.UserService has no method Nope (it has: GetUser)\n',
    );
  });

  it('names file and line of a syntax error', async () => {
    const r = await gwb([
      '-import-path',
      path.join(dir, 'extra'),
      '-proto',
      'broken.proto',
      'list',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gwb: .*broken\.proto.*3.*\n$/);
  });
});

describe('gwb with descriptor sets', () => {
  it('lists, describes and calls from a protoset', async () => {
    const list = await gwb(['-protoset', protoset, 'list', 'example.UserService']);
    expect(list.stdout).toBe('example.UserService.GetUser\n');
    const call = await gwb([
      '-plaintext',
      '-protoset',
      protoset,
      '-d',
      '{"filename":"README.md"}',
      target,
      'example.FileService/CheckFile',
    ]);
    expect(JSON.parse(call.stdout)).toEqual({ exists: true, size: '1024' });
  });

  it('says when a protoset cannot be read', async () => {
    const r = await gwb(['-protoset', path.join(dir, 'missing.pb'), 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gwb: .*missing\.pb.*\n$/);
  });
});

describe('gwb with files and reflection together', () => {
  it('fills in from files what reflection lacks', async () => {
    const demo = await startDemoServer({});
    try {
      const r = await gwb([
        '-plaintext',
        '-use-reflection',
        '-import-path',
        path.join(dir, 'api'),
        '-import-path',
        path.join(dir, 'extra'),
        '-proto',
        'wrapper.proto',
        `127.0.0.1:${demo.port}`,
        'describe',
        'wrap.Wrapped',
      ]);
      expect(r.stdout).toContain('message Wrapped');
      // The server calls it example.proto; the same file under another name is not a conflict.
      const renamed = await gwb([
        '-plaintext',
        '-use-reflection',
        '-import-path',
        dir,
        '-proto',
        'api/example.proto',
        '-d',
        '{"id":"3"}',
        `127.0.0.1:${demo.port}`,
        'example.UserService/GetUser',
      ]);
      expect(renamed.stderr).toBe('');
      expect(JSON.parse(renamed.stdout)).toMatchObject({ name: 'Grace Hopper' });
      const list = await gwb([
        '-plaintext',
        '-use-reflection',
        '-protoset',
        protoset,
        `127.0.0.1:${demo.port}`,
        'list',
      ]);
      expect(list.stdout).toContain('grpc.health.v1.Health\n');
    } finally {
      await demo.close();
    }
  });
});
