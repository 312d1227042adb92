import * as grpc from '@grpc/grpc-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCall } from '../calls/index.js';
import { createMessageCodec } from '../codec/index.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { mockCommand, recordHook, replayCommand } from './cli-commands.js';
import {
  exampleSchema,
  exampleStubs,
  plainClient,
  recordCall,
  tempDir,
} from './recording.testkit.js';

/** The demo's services, answering a little differently: what a regression looks like. */
async function startChangedServer(): Promise<{ port: number; close(): void }> {
  const example = exampleStubs();
  const server = new grpc.Server();
  server.addService((example['UserService'] as grpc.ServiceClientConstructor).service, {
    GetUser: (
      call: grpc.ServerUnaryCall<{ id: string }, unknown>,
      cb: grpc.sendUnaryData<unknown>,
    ) => cb(null, { id: call.request.id, name: 'Ada Byron', age: 36 }),
  });
  server.addService((example['ChatService'] as grpc.ServiceClientConstructor).service, {
    Chat: (call: grpc.ServerDuplexStream<{ sender: string }, unknown>) => {
      call.on('data', (m: { sender: string }) =>
        call.write({ sender: 'Workbench', content: `Hello, ${m.sender}!` }),
      );
      call.on('end', () => {
        call.write({ sender: 'Workbench', content: 'bye' });
        call.end();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { port, close: () => server.forceShutdown() };
}

const tmp = tempDir();
let demo: DemoServer;
let changed: { port: number; close(): void };
let userFile: string;
let chatFile: string;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  changed = await startChangedServer();
  const target = `127.0.0.1:${demo.port}`;
  const client = plainClient(target);
  const schema = exampleSchema();
  userFile = tmp.file('user.ndjson');
  chatFile = tmp.file('chat.ndjson');
  await recordCall({
    client,
    schema,
    method: '/example.UserService/GetUser',
    target,
    requests: [{ id: '1' }],
    out: userFile,
  });
  await recordCall({
    client,
    schema,
    method: '/example.ChatService/Chat',
    target,
    requests: [{ sender: 'ann' }, { sender: 'bob' }],
    out: chatFile,
  });
  client.close();
}, 30_000);

afterAll(async () => {
  changed?.close();
  await demo?.close();
  tmp.remove();
});

describe('replayCommand', () => {
  it('exits 0 and says IDENTICAL against the same server (recorded target, original timing)', async () => {
    const result = await replayCommand({ recording: userFile, plaintext: true });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^IDENTICAL: \/example\.UserService\/GetUser/);
    expect(result.stdout).toMatch(/server messages: 1 matching, 0 differing, 0 missing, 0 extra/);
  });

  it('a changed server is caught: exit 1 and the summary says which message and field', async () => {
    const result = await replayCommand({
      recording: userFile,
      target: `127.0.0.1:${changed.port}`,
      plaintext: true,
      speed: 'max',
      out: tmp.file('user-changed.ndjson'),
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^DIFFERENT/);
    expect(result.stdout).toContain('server messages: 0 matching, 1 differing, 0 missing, 0 extra');
    expect(result.stdout).toContain('server message 1 differs');
    expect(result.stdout).toContain('name: "Ada Lovelace" → "Ada Byron"');
    expect(result.summary?.messages[0]?.fields).toEqual([
      { path: 'name', a: 'Ada Lovelace', b: 'Ada Byron' },
    ]);
  });

  it('--ignore makes a known difference pass', async () => {
    const result = await replayCommand({
      recording: userFile,
      target: `127.0.0.1:${changed.port}`,
      plaintext: true,
      speed: 'max',
      ignore: ['name'],
      out: tmp.file('user-ignored.ndjson'),
    });
    expect(result.exitCode, result.stdout).toBe(0);
  });

  it('an extra streamed message is reported as extra', async () => {
    const result = await replayCommand({
      recording: chatFile,
      target: `127.0.0.1:${changed.port}`,
      plaintext: true,
      speed: 'max',
      out: tmp.file('chat-changed.ndjson'),
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('server messages: 2 matching, 0 differing, 0 missing, 1 extra');
    expect(result.stdout).toContain('server message 3: extra in the replay');
  });

  it('bad input: exit 2 with the file (and line) named', async () => {
    const missing = await replayCommand({ recording: tmp.file('nope.ndjson'), plaintext: true });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('nope.ndjson: no such file');
    const broken = tmp.file('broken.ndjson');
    const lines = readFileSync(userFile, 'utf8').split('\n');
    lines[2] = '{"dir":"client", oops';
    writeFileSync(broken, lines.join('\n'));
    const corrupt = await replayCommand({
      recording: broken,
      plaintext: true,
      speed: 'max',
      out: tmp.file('broken-out.ndjson'),
    });
    expect(corrupt.exitCode).toBe(2);
    expect(corrupt.stderr).toMatch(/broken\.ndjson:3: not valid JSON/);
    const badSpeed = await replayCommand({ recording: userFile, plaintext: true, speed: -1 });
    expect(badSpeed.stderr).toContain('--speed must be a number above 0');
  });
});

describe('mockCommand and recordHook', () => {
  it('serves a recording and a -record call against it writes a recording that diffs clean', async () => {
    const mock = await mockCommand({ inputs: [userFile], port: 0 });
    try {
      expect(mock.banner).toContain(`127.0.0.1:${mock.port}`);
      expect(mock.banner).toContain('/example.UserService/GetUser');
      const schema = exampleSchema();
      const target = `127.0.0.1:${mock.port}`;
      const out = tmp.file('via-hook.ndjson');
      const hook = recordHook(out, {
        registry: schema.registry,
        method: '/example.UserService/GetUser',
        target,
      });
      const client = plainClient(target);
      const session = startCall({
        client,
        path: '/example.UserService/GetUser',
        kind: 'unary',
        target,
        requestCodec: createMessageCodec(schema.registry, 'example.UserRequest'),
        responseCodec: createMessageCodec(schema.registry, 'example.User'),
        request: { id: '1' },
        keepRaw: hook.keepRaw,
        onEvent: hook.onEvent,
      });
      expect((await session.done).codeName).toBe('OK');
      await hook.close();
      client.close();
      const again = await replayCommand({ recording: out, plaintext: true, speed: 'max' });
      expect(again.exitCode, again.stdout).toBe(0);
    } finally {
      await mock.close();
    }
  });

  it('a bad input is refused with its name', async () => {
    await expect(mockCommand({ inputs: [tmp.file('absent.ndjson')] })).rejects.toThrow(
      /absent\.ndjson: no such file/,
    );
  });
});
