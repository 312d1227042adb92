import { createRequire } from 'node:module';
import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { NET_FOR_GRPC_JS } from '../../scripts/cli-bundle.mjs';
import { useHookedGwb } from './hooked-gwb.testkit.js';

// grpc-js asks net.isIPv6 of every address it connects to, and the first use of Node's IPv6
// pattern compiles it: about 2 % of a `gwb list` against 127.0.0.1. In deps.cjs grpc-js gets a
// node:net whose isIPv6 and isIP say no to text without a colon (every IPv6 address has some)
// before asking Node (scripts/cli-bundle.mjs). The hook counts the texts Node's own isIPv6 is
// asked about: none without a colon when gwb calls 127.0.0.1.
const gwb = useHookedGwb(
  'gwb-grpc-js-net-',
  `const net = require('node:net');
const isIPv6 = net.isIPv6;
const askedIPv6 = [];
net.isIPv6 = (input) => (askedIPv6.push(String(input)), isIPv6(input));
reportAtExit(() => ({ askedIPv6 }));
`,
);

/** The module deps.cjs gives grpc-js for node:net, evaluated here. */
function netForGrpcJs(): typeof net {
  const module = { exports: {} as typeof net };
  new Function('require', 'module', NET_FOR_GRPC_JS)(createRequire(import.meta.url), module);
  return module.exports;
}

describe("grpc-js's node:net in the gwb bundle", () => {
  it("answers isIPv6 and isIP as Node's own does", () => {
    const shim = netForGrpcJs();
    const inputs = [
      '127.0.0.1',
      'localhost',
      '',
      '::1',
      '::',
      'fe80::1%eth0',
      '::ffff:127.0.0.1',
      '2001:db8::8a2e:370:7334',
      '1:2:3:4:5:6:7:8',
      '1:2',
      'not:an:address',
      '[::1]',
      '300.1.1.1',
    ];
    for (const input of inputs) {
      expect([input, shim.isIPv6(input)]).toEqual([input, net.isIPv6(input)]);
      expect([input, shim.isIP(input)]).toEqual([input, net.isIP(input)]);
    }
    // Everything else is node:net's own.
    expect(shim.connect).toBe(net.connect);
    expect(shim.isIPv4).toBe(net.isIPv4);
  });

  it("a call to 127.0.0.1 never asks Node's IPv6 pattern about a text without a colon", async () => {
    const run = await gwb.run<{ askedIPv6: string[] }>([
      '-plaintext',
      '-d',
      '{"id":"1"}',
      gwb.address,
      'example.UserService/GetUser',
    ]);
    expect(run.stdout).toContain('"name": "Ada Lovelace"');
    expect(run.report.askedIPv6.filter((input) => !input.includes(':'))).toEqual([]);
  });
});
