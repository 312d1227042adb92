import type * as dns from 'node:dns';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DNS_FOR_GRPC_JS } from '../../scripts/cli-bundle.mjs';
import { useHookedGwb } from './hooked-gwb.testkit.js';

// Node's own modules a spawned unary call loads, from process.moduleLoadList (every built-in module
// Node compiled, whoever asked for it). node:https is loaded only where a TLS HTTP/1.1 agent or
// server is made (main/transports/protocol-sockets.ts, connect-gateway.ts): a gRPC call imports
// both files, and https is the one module there that node:http2 has not loaded already. grpc-js's
// DNS resolver makes a dns.promises.Resolver for every channel, an IP address's too; in deps.cjs it
// gets one that makes Node's on first use (DNS_FOR_GRPC_JS), so internal/dns/promises is not
// compiled. Together ~1–2 M instructions of a ~827 M call (callgrind): small. http, tls, readline
// and fs/promises are not asserted on: node:http2 loads them itself.
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

/** The module deps.cjs gives grpc-js for node:dns, evaluated here. */
function dnsForGrpcJs(): typeof dns {
  const module = { exports: {} as typeof dns };
  new Function('require', 'module', DNS_FOR_GRPC_JS)(createRequire(import.meta.url), module);
  return module.exports;
}

describe('the built-in modules a gwb call loads', () => {
  it('a plaintext unary call to an IP address loads neither node:https nor dns.promises', async () => {
    const builtins = await builtinsOfCall('127.0.0.1');
    expect(builtins).not.toContain('https');
    expect(builtins).not.toContain('internal/dns/promises');
  });

  it('a call to a host name is resolved through dns.promises, loaded then', async () => {
    const builtins = await builtinsOfCall('localhost');
    expect(builtins).toContain('internal/dns/promises');
  });

  it("grpc-js's node:dns answers as Node's: its Resolver keeps options and servers", async () => {
    const shim = dnsForGrpcJs();
    const resolver = new shim.promises.Resolver({ timeout: 250 });
    resolver.setServers(['127.0.0.9']);
    expect(resolver.getServers()).toEqual(['127.0.0.9']);
    const found = await shim.promises.lookup('localhost', { all: true });
    expect(found.length).toBeGreaterThan(0);
    expect(shim.lookup).toBeTypeOf('function');
    expect(shim.promises.resolveTxt).toBeTypeOf('function');
  });
});
