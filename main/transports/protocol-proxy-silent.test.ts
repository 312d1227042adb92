// A proxy that takes the TCP connection but never answers the CONNECT (issue 16 review MUST 8): a
// gRPC-Web or Connect call through it fails within the connect timeout, saying the proxy did not
// answer, and the socket to the proxy is closed rather than left open.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import type { Protocol } from '../../shared/request/connection.js';
import {
  callEventsOf,
  demoRequest,
  startDemoEngineKit,
  type EngineKit,
} from '../engine/engine.testkit.js';

let kit: EngineKit;
let schemaId: string;
let silent: Server;
let proxyUrl: string;
const accepted: Socket[] = [];
const closed = new Set<Socket>();

beforeAll(async () => {
  ({ kit, schemaId } = await startDemoEngineKit());
  await kit.call('workspace.open', {});
  // Accepts, reads, never writes a byte.
  silent = createServer((socket) => {
    accepted.push(socket);
    socket.on('error', () => undefined);
    // Read (and drop) what comes, so the client's end of the connection is seen.
    socket.resume();
    socket.once('close', () => closed.add(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  proxyUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await kit.close();
  for (const socket of accepted) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

const PROTOCOLS: { name: string; protocol: Protocol }[] = [
  { name: 'Connect over HTTP/2', protocol: { kind: 'connect' } },
  { name: 'gRPC-Web over HTTP/1.1', protocol: { kind: 'grpcweb', httpVersion: '1.1' } },
];

describe.each(PROTOCOLS)('$name through a proxy that never answers', ({ protocol }) => {
  it('fails within the connect timeout, in words, and closes the socket to the proxy', async () => {
    const before = accepted.length;
    // Any unused address: the CONNECT never gets that far.
    const doc = demoRequest('127.0.0.1:9', '/example.UserService/GetUser', [{ id: '1' }]);
    doc.connection = {
      ...doc.connection,
      protocol,
      proxy: { url: proxyUrl },
      connectTimeoutMs: 500,
    };
    const { callId } = await kit.call('call.start', { schemaId, request: doc });
    // Generous: without the tunnel's timeout the call never ends.
    await kit.waitForEvent(
      'call.events',
      (p: EventPayload<'call.events'>) =>
        p.callId === callId && p.events.some((e) => e.type === 'ended'),
      20_000,
    );
    const status = callEventsOf(kit.events, callId).find((e) => e.type === 'status');
    expect(status).toMatchObject({ status: { codeName: 'UNAVAILABLE' } });
    expect(JSON.stringify(status)).toMatch(/proxy .*did not answer the CONNECT to 127\.0\.0\.1:9/);
    expect(accepted.length).toBeGreaterThan(before);
    const mine = accepted.slice(before);
    await vi.waitFor(() => expect(mine.every((s) => closed.has(s))).toBe(true), {
      timeout: 15_000,
      interval: 50,
    });
  });
});
