import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { gwb } from './cli.testkit.js';

// grpcurl reads `-H 'name: value'` with strings.TrimSpace on both halves, so spaces around the
// value are not sent; gwb sent the trailing ones. The demo server echoes x-echo-* headers back,
// so what it received is what -v shows under "Response headers received".
let demo: DemoServer;
let address = '';

beforeAll(async () => {
  demo = await startDemoServer({});
  address = `127.0.0.1:${demo.port}`;
});

afterAll(async () => {
  await demo.close();
});

const call = (flag: string, header: string) =>
  gwb([
    '-plaintext',
    '-v',
    flag,
    header,
    '-d',
    '{"id":"1"}',
    address,
    'example.UserService/GetUser',
  ]);

/** The value the server echoed for `key` (response headers), exactly as it arrived. */
function echoed(stdout: string, key: string): string | undefined {
  const headers = stdout.split('Response headers received:\n')[1]?.split('\n\n')[0] ?? '';
  const line = headers.split('\n').find((l) => l.startsWith(`${key}: `));
  return line?.slice(key.length + 2);
}

describe('-H values are trimmed at both ends, as grpcurl trims them', () => {
  it('spaces after the value are not sent (-H)', async () => {
    const run = await call('-H', 'X-Echo-Case:  spaced ');
    expect(run.code).toBe(0);
    expect(echoed(run.stdout, 'x-echo-case')).toBe('spaced');
    expect(run.stdout).toContain('Request metadata to send:\nx-echo-case: spaced\n');
  });

  it('tabs and spaces around name and value (-rpc-header)', async () => {
    const run = await call('-rpc-header', ' \tX-Echo-Tab\t:\t two words \t');
    expect(run.code).toBe(0);
    expect(echoed(run.stdout, 'x-echo-tab')).toBe('two words');
  });
});
