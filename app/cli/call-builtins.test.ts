import { describe, expect, it } from 'vitest';
import { useHookedGwb } from './hooked-gwb.testkit.js';

// Node's own modules a spawned unary call loads, from process.moduleLoadList (every built-in module
// Node compiled, whoever asked for it). node:https is loaded only where a TLS HTTP/1.1 agent or
// server is made (main/transports/protocol-sockets.ts, connect-gateway.ts): a gRPC call imports
// both files, and https is the one module there that node:http2 has not loaded already (~1 M
// instructions of a ~827 M call by callgrind: small). http, tls, readline and fs/promises are not
// asserted on: node:http2 loads them itself.
const gwb = useHookedGwb(
  'gwb-call-builtins-',
  `const atStart = new Set(process.moduleLoadList);
reportAtExit(() => ({
  builtins: process.moduleLoadList
    .filter((entry) => !atStart.has(entry) && entry.startsWith('NativeModule '))
    .map((entry) => entry.slice('NativeModule '.length)),
}));
`,
);

async function builtinsOfCall(host: string): Promise<string[]> {
  const port = gwb.address.split(':')[1] ?? '';
  const run = await gwb.run<{ builtins: string[] }>([
    '-plaintext',
    '-d',
    '{"id":"1"}',
    `${host}:${port}`,
    'example.UserService/GetUser',
  ]);
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('"name": "Ada Lovelace"');
  expect(run.report.builtins).toContain('http2');
  return run.report.builtins;
}

describe('the built-in modules a gwb call loads', () => {
  it('a plaintext unary call loads no node:https', async () => {
    expect(await builtinsOfCall('127.0.0.1')).not.toContain('https');
  });
});

describe('the engine data folder of a gwb call', () => {
  // The call's temporary engine folder is empty at close: one rmdir removes it. Node's recursive
  // removal compiles internal/fs/rimraf (~8 M instructions of a ~810 M call by callgrind).
  it('a plaintext unary call loads no recursive removal (internal/fs/rimraf)', async () => {
    expect(await builtinsOfCall('127.0.0.1')).not.toContain('internal/fs/rimraf');
  });
});
