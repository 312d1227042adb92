// The same call recorded over gRPC and over Connect (and gRPC-Web) compares equal with the
// recording diff: messages, trailers, status and its details. Only the content type differs,
// which names the protocol itself (grpc-js shows it among the headers; the others leave it out).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import type { Protocol } from '../../shared/request/connection.js';
import { demoRequest, startDemoEngineKit, type EngineKit } from '../engine/engine.testkit.js';
import { closeProtocolConnections } from './index.js';
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
  closeProtocolConnections();
  await kit.close();
  await servers.close();
});

const METHOD = '/example.BatchService/Upload';

async function recorded(protocol: Protocol, messages: object[]): Promise<string> {
  const doc = demoRequest(servers.http2, METHOD, messages as never, {
    metadata: [{ key: 'x-echo-run', value: '7', enabled: true }],
  });
  doc.connection = { ...doc.connection, protocol };
  const before = new Set((await kit.call('recording.list', {})).recordings.map((r) => r.id));
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: doc,
    halfClose: true,
    record: true,
  });
  await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  for (let i = 0; i < 50; i++) {
    const found = (await kit.call('recording.list', {})).recordings.find((r) => !before.has(r.id));
    if (found) return found.id;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the call left no recording');
}

describe('recordings across protocols', () => {
  const messages = [
    { key: 'a', text: 'x' },
    { key: 'b', number: 2 },
  ];

  it.each([
    ['Connect binary', { kind: 'connect' }],
    ['Connect JSON', { kind: 'connect', codec: 'json' }],
  ] as [string, Protocol][])('gRPC and %s record the same call', async (_name, protocol) => {
    const a = await recorded({ kind: 'grpc' }, messages);
    const b = await recorded(protocol, messages);
    const { diff } = await kit.call('recording.diff', {
      a,
      b,
      ignore: ['headers.content-type'],
    });
    expect(diff.identical).toBe(true);
    expect(diff.client.matching).toBe(2);
    expect(diff.server.matching).toBe(1);
  });

  it('a different call over Connect does not compare equal (the diff sees through protocols)', async () => {
    const a = await recorded({ kind: 'grpc' }, messages);
    const b = await recorded({ kind: 'connect' }, [{ key: 'a', text: 'y' }, messages[1]!]);
    const { diff } = await kit.call('recording.diff', { a, b, ignore: ['headers.content-type'] });
    expect(diff.identical).toBe(false);
  });
});
