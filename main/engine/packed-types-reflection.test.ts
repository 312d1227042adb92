import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import { startMapServer, type MapServer } from '../codec/map-order.testkit.js';
import { callEventsOf, demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

// A schema loaded by reflection, and an answer whose Any packs a type from a file no listed
// service imports (gwb.packed.Payload): as grpcurl, the engine asks the server's reflection for
// the type and shows the real message - in the UI's call events as in gwb's output.

let kit: EngineKit;
let server: MapServer;

beforeAll(async () => {
  server = await startMapServer();
  kit = startEngineKit();
});

afterAll(async () => {
  await kit.close();
  server.close();
});

const PAYLOAD = {
  '@type': 'type.googleapis.com/gwb.packed.Payload',
  alpha: 1,
  counts: { a: 1, b: 2 },
  mid: 'm',
  zeta: 'z',
};

async function receivedOf(schemaId: string) {
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: demoRequest(server.address, '/gwb.maptest.MapService/Get'),
  });
  await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  const events = callEventsOf(kit.events, callId);
  expect(events.find((e) => e.type === 'status')).toMatchObject({ status: { code: 0 } });
  return events.filter((e) => e.type === 'received');
}

describe('types packed in Anys, looked up by reflection', () => {
  for (const load of ['schema.load', 'schema.loadReflection'] as const) {
    it(`${load}: the packed message is shown, its type asked for once per schema`, async () => {
      const connection = demoRequest(server.address, '').connection;
      const { schemaId } =
        load === 'schema.load'
          ? await kit.call('schema.load', { source: { kind: 'reflection' }, connection })
          : await kit.call('schema.loadReflection', { connection });
      const asked = (name: string) => server.symbolsAsked.filter((s) => s === name).length;
      const before = asked('gwb.packed.Payload');
      const ghostBefore = asked('gwb.nowhere.Ghost');
      for (const round of [1, 2]) {
        const received = await receivedOf(schemaId);
        expect(received, `call ${round}`).toHaveLength(1);
        expect(received[0]).not.toHaveProperty('decodeError');
        const message = received[0]?.message as { packed: unknown; ghost: unknown };
        expect(JSON.stringify(message.packed)).toBe(JSON.stringify(PAYLOAD));
        expect(message.ghost).toMatchObject({ '@type': 'type.googleapis.com/gwb.nowhere.Ghost' });
      }
      expect(asked('gwb.packed.Payload') - before).toBe(1);
      // Not known there either: asked once, not for every message.
      expect(asked('gwb.nowhere.Ghost') - ghostBefore).toBe(1);
    });
  }
});
