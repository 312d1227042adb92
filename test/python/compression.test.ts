import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Compression } from '../../shared/request/connection.js';
import { startByteRelay, type ByteRelay } from '../../main/channels/byte-relay.testkit.js';
import {
  callEventsOf,
  demoRequest,
  startEngineKit,
  type EngineKit,
} from '../../main/engine/engine.testkit.js';
import { resourcePath } from '../../main/resources.js';
import { startPythonPeer, type PythonPeer } from './peer.js';

// gzip and deflate both ways against Python grpcio: the peer compresses its responses
// (GWB_PEER_COMPRESSION), gwb's engine compresses its requests. The received event says the wire
// size and the encoding beside the decoded size; a relay counts what really crossed the wire.

let peer: PythonPeer;
let relay: ByteRelay;
let kit: EngineKit;
let schemaId: string;
const KEY = 'a-rather-repetitive-record-key-'.repeat(4);
const RECORDS = 200;

beforeAll(async () => {
  process.env.GWB_PEER_COMPRESSION = 'gzip';
  try {
    peer = await startPythonPeer();
  } finally {
    delete process.env.GWB_PEER_COMPRESSION;
  }
  relay = await startByteRelay({ host: '127.0.0.1', port: peer.port });
  kit = startEngineKit();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
});

afterAll(async () => {
  await kit?.close();
  await relay?.close();
  await peer?.close();
});

/** Uploads RECORDS records with long keys; the Summary lists every key (a big, compressible answer). */
async function upload(compression: Compression | undefined) {
  const before = { up: relay.upstream(), down: relay.downstream() };
  const records = Array.from({ length: RECORDS }, (_, i) => ({ key: `${KEY}${i}`, text: KEY }));
  const request = demoRequest(relay.address, '/example.BatchService/Upload', records);
  if (compression !== undefined) request.connection.compression = compression;
  const { callId } = await kit.call('call.start', { schemaId, request, halfClose: true });
  await kit.waitForEvent(
    'call.events',
    (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  const events = callEventsOf(kit.events, callId);
  return {
    events,
    up: relay.upstream() - before.up,
    down: relay.downstream() - before.down,
  };
}

function received(events: CallEvent[]) {
  const found = events.find((e) => e.type === 'received');
  if (found?.type !== 'received') throw new Error('no response');
  return found;
}

describe('compression with Python grpcio', () => {
  it('a gzip response is decoded and shown with its wire size and encoding', async () => {
    const { events, down } = await upload(undefined);
    const summary = received(events);
    expect(summary.message).toMatchObject({ count: RECORDS });
    expect((summary.message as { keys: string[] }).keys).toHaveLength(RECORDS);
    expect(summary.encoding).toBe('gzip');
    expect(summary.wireSize).toBeLessThan(summary.size / 4);
    // The wire carried the compressed answer.
    expect(down).toBeLessThan(summary.size);
  });

  it.each(['gzip', 'deflate'] as const)(
    'a %s request is accepted and small on the wire',
    async (algo) => {
      const { events, up } = await upload(algo);
      const status = events.find((e) => e.type === 'status');
      expect(status).toMatchObject({ status: { code: 0 } });
      const sent = events.filter((e) => e.type === 'sent');
      expect(sent).toHaveLength(RECORDS);
      const decoded = sent.reduce((n, e) => n + (e.type === 'sent' ? e.size : 0), 0);
      expect(sent.every((e) => e.type === 'sent' && e.encoding === algo)).toBe(true);
      expect(received(events).message).toMatchObject({
        count: RECORDS,
        bytes: String(RECORDS * KEY.length),
      });
      // Each record compresses on its own; together they still go in well under their size.
      expect(up).toBeLessThan(decoded * 0.8);
    },
  );
});
