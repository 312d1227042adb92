import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import {
  bagProto,
  startBagServer,
  unknownAnyDir,
  type BagServer,
} from '../codec/unknown-any.testkit.js';
import { callEventsOf, demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

// What the UI shows (the engine's call events: timeline and history) and what a recording keeps,
// for answers whose Anys are of types the loaded schema lacks: the message, with those Anys as
// grpcurl shows them, never "could not be decoded".

let kit: EngineKit;
let server: BagServer;
let schemaId: string;

beforeAll(async () => {
  server = await startBagServer();
  kit = startEngineKit();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [bagProto],
    importPaths: [unknownAnyDir],
  }));
});

afterAll(async () => {
  await kit.close();
  server.close();
});

const UNKNOWN_ALPHA = {
  '@error': 'gwb.hidden.Secret is not recognized; see @value for raw binary message data',
  '@type': 'type.googleapis.com/gwb.hidden.Secret',
  '@value': 'CgVhbHBoYRAB',
};

describe('answers with Anys of unknown types, in the engine', () => {
  it('the call events and the recording hold the messages', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(server.address, '/gwb.anytest.BagService/Watch', [{ name: 'x' }]),
      record: true,
    });
    await kit.waitForEvent(
      'call.events',
      (p: EventPayload<'call.events'>) =>
        p.callId === callId && p.events.some((e) => e.type === 'ended'),
    );
    const received = callEventsOf(kit.events, callId).filter((e) => e.type === 'received');
    expect(received).toHaveLength(2);
    for (const event of received) {
      expect(event).not.toHaveProperty('decodeError');
      expect((event.message as { single: unknown }).single).toEqual(UNKNOWN_ALPHA);
    }
    expect((received[1]?.message as { name: string }).name).toBe('second');

    const { recordings } = await kit.call('recording.list', {
      method: '/gwb.anytest.BagService/Watch',
    });
    expect(recordings).toHaveLength(1);
    // What the recordings view reads: the message, the unknown Anys as grpcurl shows them.
    const { events } = await kit.call('recording.read', { id: recordings[0]!.id });
    const recorded = events.filter((e) => e.type === 'received') as { message?: unknown }[];
    expect(recorded.map((e) => (e.message as { single: unknown }).single)).toEqual([
      UNKNOWN_ALPHA,
      UNKNOWN_ALPHA,
    ]);
  });
});
