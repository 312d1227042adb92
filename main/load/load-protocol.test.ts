// A load run speaks gRPC only: a request set to Connect or gRPC-Web is refused, naming
// connection.protocol, and no call reaches the server (it would otherwise go over plain gRPC).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Protocol } from '../../shared/request/connection.js';
import { loadRequest, loadTarget, startLoadServer, type LoadServer } from './load.testkit.js';
import { runLoad } from './run-load.js';

let server: LoadServer;
beforeAll(async () => {
  server = await startLoadServer();
});
afterAll(() => server.close());

it.each<[Protocol, string]>([
  [{ kind: 'connect' }, 'Connect binary (HTTP/2)'],
  [{ kind: 'grpcweb' }, 'gRPC-Web (HTTP/2)'],
])('refuses a request set to %j', { timeout: 30_000 }, async (protocol, name) => {
  const request = loadRequest(server, 'Unary');
  const before = server.unaryCalls();
  await expect(
    runLoad(loadTarget({ ...request, connection: { ...request.connection, protocol } }), {
      workers: 1,
      total: 5,
    }),
  ).rejects.toThrow(
    `load runs speak gRPC only for now: this request's connection.protocol is ${name}`,
  );
  expect(server.unaryCalls()).toBe(before);
});

it('runs a request that names gRPC', { timeout: 30_000 }, async () => {
  const request = loadRequest(server, 'Unary');
  const report = await runLoad(
    loadTarget({ ...request, connection: { ...request.connection, protocol: { kind: 'grpc' } } }),
    { workers: 1, total: 5 },
  );
  expect(report.ok).toBe(5);
});
