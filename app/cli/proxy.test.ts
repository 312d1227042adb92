import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { EventCursor, readHeader } from '../../main/recording/index.js';
import { tempDir } from '../../main/recording/recording.testkit.js';
import { gwb } from './cli.testkit.js';

const tmp = tempDir();
let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await demo?.close();
  tmp.remove();
});

/** Starts `gwb proxy` in process; resolves with its port once it prints its banner. */
function startProxy(args: string[]) {
  const controller = new AbortController();
  let out = '';
  let listening: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => (listening = resolve));
  const run = gwb(['proxy', ...args], {
    signal: controller.signal,
    onStdout: (chunk) => {
      out += chunk;
      const match = /listening on [^ ]+:(\d+)/.exec(out);
      if (match) listening(Number(match[1]));
    },
  });
  return { port, run, stop: () => controller.abort(), output: () => out };
}

describe('gwb proxy', () => {
  it('-h documents it', async () => {
    const r = await gwb(['proxy', '-h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: gwb proxy --listen HOST:PORT --target ADDRESS/);
    for (const option of ['--record DIR', '--tls-cert FILE', '-plaintext', '-cacert', '-proto'])
      expect(r.stdout).toContain(option);
  });

  it.each([
    [[], /needs --listen HOST:PORT/],
    [['--listen', 'nope'], /--listen is HOST:PORT/],
    [['--listen', '127.0.0.1:0'], /needs --target ADDRESS/],
    [['--listen', '127.0.0.1:0', '--target', 'x:1', '--tls-cert', 'c.pem'], /go together/],
    [['--listen', '127.0.0.1:0', '--target', 'x:1', '--nope'], /unknown option -nope/],
    [['--listen', '127.0.0.1:0', '--target', 'x:1', '-plaintext', '-cacert', 'ca.pem'], /cacert/],
  ])('usage error %j exits 2', async (args, message) => {
    const r = await gwb(['proxy', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('forwards gwb calls to the demo server, prints one line per call, records them decoded (reflection), replays equal', async () => {
    const dir = path.join(tmp.dir, 'captured');
    const proxy = startProxy([
      '--listen',
      '127.0.0.1:0',
      '--target',
      `127.0.0.1:${demo.port}`,
      '-plaintext',
      '--record',
      dir,
    ]);
    const port = await proxy.port;
    const call = await gwb([
      '-plaintext',
      '-d',
      '{"id":"1"}',
      `127.0.0.1:${port}`,
      'example.UserService/GetUser',
    ]);
    expect(call).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(call.stdout)).toMatchObject({ id: '1', name: 'Ada Lovelace' });
    proxy.stop();
    const ended = await proxy.run;
    expect(ended.code).toBe(0);
    // gwb's own reflection call went through the proxy too.
    // A short call goes whole into the file of several recordings, named by its number there.
    const line =
      /^\/example\.UserService\/GetUser OK 1 sent 1 received [\d.]+ ms -> (\S+\.recordings#\d+)$/m;
    expect(ended.stdout).toMatch(line);
    expect(ended.stdout).toMatch(/ServerReflectionInfo OK/);
    expect(ended.stdout).toMatch(/stopped after \d+ calls\n$/);
    const file = path.join(dir, line.exec(ended.stdout)?.[1] as string);
    expect(await readHeader(file)).toMatchObject({
      method: '/example.UserService/GetUser',
      kind: 'unary',
      schemaSource: 'server reflection',
    });
    const cursor = new EventCursor(file);
    const types: string[] = [];
    for (let e = await cursor.next(); e; e = await cursor.next()) {
      types.push(e.event.type);
      if (e.event.type === 'received')
        expect(e.event.message).toMatchObject({ name: 'Ada Lovelace' });
    }
    expect(types.at(-1)).toBe('ended');
    const replay = await gwb(['replay', file, '--target', `127.0.0.1:${demo.port}`]);
    expect(replay.stdout).toMatch(/IDENTICAL/);
    expect(replay.code).toBe(0);
  });
});
