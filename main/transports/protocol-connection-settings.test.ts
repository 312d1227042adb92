// The connection's :authority override, keepalive and connect timeout on gRPC-Web and Connect, as
// they apply to gRPC: what the connect-node server behind sees (its :authority / Host, its PINGs),
// and a server that accepts the connection but never answers TLS failing at the connect timeout.
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Protocol } from '../../shared/request/connection.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { demoRequest } from '../engine/engine.testkit.js';
import { useProtocolEngineKit } from './protocol-suite.testkit.js';

const shared = useProtocolEngineKit();
let certs: TestCerts;
let silent: Server;
const silentSockets = new Set<Socket>();

beforeAll(async () => {
  certs = makeTestCerts();
  // Accepts TCP connections and never says a word: a TLS handshake to it never ends.
  silent = createServer((socket) => {
    silentSockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  certs?.cleanup();
});

function getUser(address: string, protocol: Protocol): RequestDocument {
  const doc = demoRequest(address, '/example.UserService/GetUser', [{ id: '1' }]);
  doc.connection = { ...doc.connection, protocol };
  return doc;
}

const run = (doc: RequestDocument): Promise<CallEvent[]> => shared.run(doc);

function statusOf(events: CallEvent[]) {
  const found = events.find((e) => e.type === 'status');
  if (found?.type !== 'status') throw new Error('no status');
  return found.status;
}

const BY_VERSION = [
  {
    name: 'HTTP/2',
    gateway: () => shared.servers.gateways.http2,
    address: () => shared.servers.http2,
  },
  {
    name: 'HTTP/1.1',
    gateway: () => shared.servers.gateways.http1,
    address: () => shared.servers.http1,
  },
] as const;

describe.each(BY_VERSION)('over $name', ({ name, gateway, address }) => {
  const httpVersion = name === 'HTTP/2' ? '2' : '1.1';
  it.each([
    { kind: 'connect', httpVersion } as Protocol,
    { kind: 'grpcweb', httpVersion } as Protocol,
  ])('sends the connection’s :authority override ($kind)', async (protocol) => {
    const seen = gateway().requests;
    seen.length = 0;
    const overridden = getUser(address(), protocol);
    overridden.connection.authority = 'users.internal.example:8443';
    expect(statusOf(await run(overridden))).toMatchObject({ codeName: 'OK' });
    expect(seen.map((r) => r.authority)).toEqual(['users.internal.example:8443']);

    seen.length = 0;
    expect(statusOf(await run(getUser(address(), protocol)))).toMatchObject({ codeName: 'OK' });
    expect(seen.map((r) => r.authority)).toEqual([address()]);
  });

  it('a server that never finishes the TLS handshake fails at the connect timeout', async () => {
    const port = (silent.address() as { port: number }).port;
    const doc = getUser(`127.0.0.1:${port}`, { kind: 'connect', httpVersion });
    doc.connection.security = { kind: 'tls', caFile: path.join(certs.dir, 'ca.crt') };
    doc.connection.connectTimeoutMs = 300;
    const status = statusOf(await run(doc));
    expect(status).toMatchObject({
      codeName: 'UNAVAILABLE',
      message: `failed to connect to 127.0.0.1:${port}: connection timed out`,
    });
  });
});

it('HTTP/2 keepalive: PINGs at the connection’s interval while a call is open', async () => {
  const tail = (keepaliveMs?: number): RequestDocument => {
    const doc = demoRequest(shared.servers.http2, '/example.LogService/Tail', [
      { source: 'app', lines: 3, interval_ms: 400 },
    ]);
    doc.connection = { ...doc.connection, protocol: { kind: 'connect' } };
    if (keepaliveMs !== undefined) doc.connection.keepaliveMs = keepaliveMs;
    return doc;
  };
  const before = shared.servers.gateways.http2.pings();
  expect(statusOf(await run(tail()))).toMatchObject({ codeName: 'OK' });
  expect(shared.servers.gateways.http2.pings()).toBe(before);

  expect(statusOf(await run(tail(50)))).toMatchObject({ codeName: 'OK' });
  expect(shared.servers.gateways.http2.pings()).toBeGreaterThan(before);
});
