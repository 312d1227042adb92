// A grpcurl-style call `gwb -protocol grpcweb|connect -http1 ADDRESS METHOD` is not pre-waited on
// a gRPC channel (a server speaking HTTP/1.1 only can never answer one): it runs against the
// real Connect gateway even when that server leaves a connection it cannot parse open, and a
// server that is not there is still "failed to connect" (grpc-channel-wait.ts decides the wait).
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateways, type DemoGateways } from './demo-gateways.testkit.js';
import { callGetUser } from './get-user-call.testkit.js';

let gateways: DemoGateways;
const call = (address: string, ...flags: string[]) => callGetUser(address, '-plaintext', ...flags);

beforeAll(async () => {
  gateways = await startDemoGateways();
  // As a server that only logs a connection it cannot parse (an HTTP/2 preface), leaving it open.
  gateways.servers.gateways.http1.server.on('clientError', (_error: Error, _socket: Socket) => {});
}, 60_000);

afterAll(async () => {
  await gateways?.close();
});

describe('gwb -protocol … -http1 ADDRESS METHOD', () => {
  it(
    'calls a server that leaves a connection it cannot parse open',
    { timeout: 60_000 },
    async () => {
      const { requests } = gateways.servers.gateways.http1;
      requests.length = 0;
      const r = await call(
        gateways.servers.http1,
        '-protocol',
        'connect',
        '-http1',
        '-connect-timeout',
        '3',
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ id: '1', name: 'Ada Lovelace', age: 36 });
      expect(requests.map((q) => q.contentType)).toEqual(['application/proto']);
    },
  );

  it(
    'a server that is not there: failed to connect, exit 1 (as over gRPC)',
    { timeout: 60_000 },
    async () => {
      const r = await call('127.0.0.1:1', '-protocol', 'grpcweb', '-http1');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: 'gwb: failed to connect to 127.0.0.1:1: connection refused\n',
      });
    },
  );
});
