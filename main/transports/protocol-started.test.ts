// The started event names the protocol a call went over (issue 16 §1), so the timeline, history and
// recordings say it; a gRPC call's started event carries none, as before.
import { expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Protocol } from '../../shared/request/connection.js';
import { demoRequest } from '../engine/engine.testkit.js';
import { useProtocolEngineKit } from './protocol-suite.testkit.js';

const shared = useProtocolEngineKit();

async function startedOf(address: string, protocol?: Protocol): Promise<CallEvent> {
  const doc = demoRequest(address, '/example.UserService/GetUser', [{ id: '1' }]);
  if (protocol) doc.connection = { ...doc.connection, protocol };
  const log = await shared.run(doc);
  expect(log.at(-2)).toMatchObject({ type: 'status', status: { codeName: 'OK' } });
  return log[0]!;
}

it('names Connect JSON over HTTP/2 in the started event', async () => {
  const started = await startedOf(shared.servers.http2, { kind: 'connect', codec: 'json' });
  expect(started).toMatchObject({ type: 'started', protocol: 'Connect JSON (HTTP/2)' });
});

it('names gRPC-Web over HTTP/1.1 in the started event', async () => {
  const started = await startedOf(shared.servers.http1, { kind: 'grpcweb', httpVersion: '1.1' });
  expect(started).toMatchObject({ type: 'started', protocol: 'gRPC-Web (HTTP/1.1)' });
});

it('a gRPC call names no protocol, as before', async () => {
  const started = await startedOf(shared.servers.http2);
  expect(started.type).toBe('started');
  expect(started).not.toHaveProperty('protocol');
});
