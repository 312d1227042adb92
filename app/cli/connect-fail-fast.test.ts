// gwb fails as grpcurl 1.9.3 does when the server cannot be reached: a refused connection or TLS
// spoken to a plaintext server at once (not after the 10 s connect timeout), one line, exit 1; a
// server that never answers after -connect-timeout. A call that runs out of -max-time prints
// grpcurl's `context deadline exceeded`, never grpc-js's timings. Real servers in process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { freePort } from '../../test/free-port.testkit.js';
import { gwb } from './cli.testkit.js';
import { startSilentServer, type SilentServer } from './signalled-gwb.testkit.js';

let demo: DemoServer;
let target: string;
let closedTarget: string;
/** Accepts the TCP connection and never says a word: the handshake never completes. */
let silent: SilentServer;
let silentTarget: string;

beforeAll(async () => {
  demo = await startDemoServer({});
  target = `127.0.0.1:${demo.port}`;
  closedTarget = `127.0.0.1:${await freePort()}`;
  silent = await startSilentServer();
  silentTarget = silent.address;
});

afterAll(async () => {
  await demo?.close();
  silent?.close();
});

const protoFlags = ['-import-path', resourcePath('protos'), '-proto', 'example.proto'];

async function timed(args: string[]) {
  const started = Date.now();
  const run = await gwb(args);
  return { ...run, ms: Date.now() - started };
}

// Generous: grpcurl fails in milliseconds; the bug waited out the 10 s connect timeout.
const AT_ONCE_MS = 3_000;

describe('a refused connection', () => {
  const commands: [string, string[]][] = [
    ['list', ['list']],
    ['describe', ['describe', 'example.UserService']],
    ['a call over reflection', ['example.UserService/GetUser']],
    ['a call with -proto', [...protoFlags.slice(0), 'example.UserService/GetUser']],
  ];
  it.each(commands)('%s fails at once, in one line, exit 1', async (_name, rest) => {
    const files = rest.includes('-proto');
    const args = files
      ? ['-plaintext', ...rest.slice(0, 4), closedTarget, ...rest.slice(4)]
      : ['-plaintext', closedTarget, ...rest];
    const r = await timed(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`gwb: failed to connect to ${closedTarget}: connection refused\n`);
    expect(r.ms).toBeLessThan(AT_ONCE_MS);
  });
});

describe('TLS spoken to a plaintext server', () => {
  const line = (t: string): string =>
    `gwb: failed to connect to ${t}: TLS handshake failed: the server answered in plaintext (it does not speak TLS here); use -plaintext\n`;

  it('list fails at once and says to use -plaintext', async () => {
    const r = await timed([target, 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(line(target));
    expect(r.ms).toBeLessThan(AT_ONCE_MS);
  });

  it('a call fails at once the same way', async () => {
    const r = await timed([...protoFlags, target, 'example.UserService/GetUser']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(line(target));
    expect(r.ms).toBeLessThan(AT_ONCE_MS);
  });
});

describe('a server that never answers', () => {
  // grpcurl waits for -connect-timeout here ("context deadline exceeded"), and so does gwb.
  it.each([
    ['list', ['list']],
    ['a call', [...protoFlags, 'example.UserService/GetUser']],
  ])('%s waits for -connect-timeout, then exit 1', async (_name, rest) => {
    const args = rest.includes('-proto')
      ? ['-plaintext', '-connect-timeout', '0.5', ...rest.slice(0, 4), silentTarget, rest[4]!]
      : ['-plaintext', '-connect-timeout', '0.5', silentTarget, ...rest];
    const r = await timed(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`gwb: failed to connect to ${silentTarget} within 0.5 s\n`);
    expect(r.ms).toBeGreaterThanOrEqual(450);
  });
});

describe('a call that runs out of -max-time', () => {
  const tail = [
    '-plaintext',
    ...protoFlags,
    '-max-time',
    '0.5',
    '-d',
    '{"lines":5,"interval_ms":2000}',
  ];

  it('prints grpcurl\'s "context deadline exceeded", exit 64 + 4', async () => {
    const r = await gwb([...tail, target, 'example.LogService/Tail']);
    expect(r.code).toBe(68);
    expect(r.stderr).toBe(
      'ERROR:\n  Code: DeadlineExceeded\n  Message: context deadline exceeded\n',
    );
  });

  it('and the same in -format-error JSON', async () => {
    const r = await gwb(['-format-error', ...tail, target, 'example.LogService/Tail']);
    expect(r.code).toBe(68);
    expect(JSON.parse(r.stderr)).toEqual({ code: 4, message: 'context deadline exceeded' });
  });
});
