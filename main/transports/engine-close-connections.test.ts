// Closing the engine closes the connections its gRPC-Web and Connect calls kept (issue 16 review
// MUST 7): the kept HTTP/2 session (with its keepalive PINGs) and the HTTP/1.1 keep-alive agent's
// socket, seen closing from the server's side.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import type { Protocol } from '../../shared/request/connection.js';
import {
  callEventsOf,
  demoRequest,
  startDemoEngineKit,
  type EngineKit,
} from '../engine/engine.testkit.js';
import type { Gateway } from './connect-gateway.js';
import { startProtocolServers, type ProtocolServers } from './protocols.testkit.js';

let kit: EngineKit;
let schemaId: string;
let servers: ProtocolServers;

beforeAll(async () => {
  let target: string;
  ({ kit, target, schemaId } = await startDemoEngineKit());
  await kit.call('workspace.open', {});
  servers = await startProtocolServers(target);
});

afterAll(async () => {
  await servers.close();
});

/** The sockets open on the gateway's server, kept up to date. */
function openSockets(gateway: Gateway): Set<Socket> {
  const open = new Set<Socket>();
  gateway.server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return open;
}

async function callOk(address: string, protocol: Protocol): Promise<void> {
  const doc = demoRequest(address, '/example.UserService/GetUser', [{ id: '1' }]);
  doc.connection = { ...doc.connection, protocol, keepaliveMs: 1_000 };
  const { callId } = await kit.call('call.start', { schemaId, request: doc });
  await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  expect(callEventsOf(kit.events, callId).find((e) => e.type === 'status')).toMatchObject({
    status: { codeName: 'OK' },
  });
}

it('closes the HTTP/2 session and the HTTP/1.1 keep-alive socket when the engine closes', async () => {
  // Node's HTTP/1.1 server would end an idle keep-alive socket by itself after 5 s; not here.
  (servers.gateways.http1.server as import('node:http').Server).keepAliveTimeout = 0;
  const http2 = openSockets(servers.gateways.http2);
  const http1 = openSockets(servers.gateways.http1);
  await callOk(servers.http2, { kind: 'connect' });
  await callOk(servers.http1, { kind: 'connect', httpVersion: '1.1' });
  expect(http2.size).toBe(1);
  expect(http1.size).toBe(1);

  await kit.close();

  // Generous bound: without the engine closing them, both stay open (idle timeout 60 s, none).
  await vi.waitFor(() => expect([http2.size, http1.size]).toEqual([0, 0]), {
    timeout: 15_000,
    interval: 50,
  });
});
