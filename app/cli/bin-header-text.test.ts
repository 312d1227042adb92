import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { toGrpcMetadata } from '../../main/metadata/index.js';
import { gwb } from './cli.testkit.js';

// -bin header values as grpcurl reads them: base64 in any of Go's four alphabets (standard, URL,
// each padded or raw); text none decodes is sent as its own bytes. gwb refused the text ("not valid
// base64"); now it sends it as grpcurl does and says so on stderr. The demo server echoes x-echo-*
// headers back, so -v's "Response headers received" shows the bytes it got (as base64).
let demo: DemoServer;
let address = '';

beforeAll(async () => {
  demo = await startDemoServer({});
  address = `127.0.0.1:${demo.port}`;
});

afterAll(async () => {
  await demo.close();
});

const call = (header: string) =>
  gwb([
    '-plaintext',
    '-v',
    '-H',
    header,
    '-d',
    '{"id":"1"}',
    address,
    'example.UserService/GetUser',
  ]);

/** The bytes the server echoed for x-echo-bin (shown as base64 in the response headers). */
function echoedBytes(stdout: string): string | undefined {
  const headers = stdout.split('Response headers received:\n')[1]?.split('\n\n')[0] ?? '';
  const line = headers.split('\n').find((l) => l.startsWith('x-echo-bin: '));
  return line === undefined ? undefined : Buffer.from(line.slice(12), 'base64').toString('latin1');
}

describe('-bin header values as grpcurl reads them', () => {
  it.each([
    ['standard, padded', 'aGVsbG8=', 'hello'],
    ['standard, raw', 'aGVsbG8', 'hello'],
    ['URL-safe, padded', 'P_8-Pw==', '?\xff>?'],
    ['URL-safe, raw', 'P_8-Pw', '?\xff>?'],
  ])('%s base64 is decoded (%s)', async (_, value, bytes) => {
    const run = await call(`x-echo-bin: ${value}`);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(echoedBytes(run.stdout)).toBe(bytes);
  });

  it('text no alphabet decodes is sent as its text, with a warning naming the header', async () => {
    const run = await call('x-echo-bin: not base64!');
    expect(run.code).toBe(0);
    expect(echoedBytes(run.stdout)).toBe('not base64!');
    expect(run.stderr).toBe(
      'Warning: -H x-echo-bin: its value (11 characters) is not base64, ' +
        'so its text is sent as it is (as grpcurl does)\n',
    );
  });

  it('with reflection requests too (describe), as grpcurl', async () => {
    const run = await gwb(['-plaintext', '-H', 'x-bin: !!', address, 'describe', 'example.User']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('example.User is a message:');
    expect(run.stderr).toContain('-H x-bin: its value (2 characters) is not base64');
  });

  it('a request document keeps its rule: a -bin row holds base64 (UI and saved requests)', () => {
    expect(() => toGrpcMetadata([{ key: 'x-bin', value: 'not base64!' }])).toThrow(
      /metadata entry 1 \("x-bin"\): keys ending in "-bin" need a base64 value/,
    );
  });
});
