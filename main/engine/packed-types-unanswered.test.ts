import * as grpc from '@grpc/grpc-js';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import { startMapServer, type MapServer } from '../codec/map-order.testkit.js';
import { mapOrderDir, mapsProto } from '../codec/map-order.testkit.js';
import { compileDescriptorSet } from '../codec/protoc.testkit.js';
import { schemaFromFileDescriptors } from '../schema/from-descriptors.js';
import { lookUpPackedTypesByReflection } from './reflected-packed-types.js';
import { callEventsOf, demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

// A server whose reflection never answers the lookup of a packed type: the message that needs it
// is held only for a while (at most 5 s, never past the call's deadline), then shown with the type
// still unknown, in grpcurl's {"@error", "@type", "@value"} form. Never hung, never dropped.

let kit: EngineKit;
let server: MapServer;

beforeAll(async () => {
  server = await startMapServer({ unansweredSymbols: ['gwb.packed.Payload', 'gwb.nowhere.Ghost'] });
  kit = startEngineKit();
});

afterAll(async () => {
  await kit.close();
  server.close();
});

async function callOnce(schemaId: string, deadlineMs?: number) {
  const started = performance.now();
  const request = demoRequest(server.address, '/gwb.maptest.MapService/Get', [{}], {
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  });
  const { callId } = await kit.call('call.start', { schemaId, request });
  await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'ended'),
    30_000,
  );
  const events = callEventsOf(kit.events, callId);
  return { events, elapsed: performance.now() - started };
}

function expectDeliveredUnknown(events: Awaited<ReturnType<typeof callOnce>>['events']) {
  const received = events.filter((e) => e.type === 'received');
  expect(received).toHaveLength(1);
  const message = received[0]?.message as { packed: unknown; byName: unknown };
  expect(message.packed).toMatchObject({
    '@error': 'gwb.packed.Payload is not recognized; see @value for raw binary message data',
    '@type': 'type.googleapis.com/gwb.packed.Payload',
  });
  expect(message.byName).toMatchObject({ a: 'A' });
}

describe('a packed-type lookup that reflection never answers', () => {
  it('without a call deadline: the message is delivered after the lookup limit', async () => {
    const connection = demoRequest(server.address, '').connection;
    const { schemaId } = await kit.call('schema.load', {
      source: { kind: 'reflection' },
      connection,
    });
    const { events, elapsed } = await callOnce(schemaId);
    expectDeliveredUnknown(events);
    expect(events.find((e) => e.type === 'status')).toMatchObject({ status: { code: 0 } });
    expect(elapsed).toBeLessThan(20_000); // generous: the limit is 5 s
  }, 40_000);

  it('with a deadline shorter than the limit: delivered by the deadline, status kept', async () => {
    const connection = demoRequest(server.address, '').connection;
    // A fresh schema: its types are not asked yet.
    const { schemaId } = await kit.call('schema.loadReflection', { connection });
    const { events, elapsed } = await callOnce(schemaId, 1000);
    expectDeliveredUnknown(events);
    expect(events.some((e) => e.type === 'status')).toBe(true);
    expect(elapsed).toBeLessThan(4_500); // bounded by the 1 s deadline, not the 5 s limit
  }, 40_000);
});

describe('the lookup itself ends', () => {
  it('without a load deadline (gwb without -max-time), the finder gives up after the limit', async () => {
    const client = new grpc.Client(server.address, grpc.credentials.createInsecure());
    try {
      const files = compileDescriptorSet(mapsProto, mapOrderDir).file;
      const schema = lookUpPackedTypesByReflection(
        schemaFromFileDescriptors(files, 'maps.proto'),
        () => client,
        {},
      );
      const started = performance.now();
      await schema.packedTypes?.find(['gwb.packed.Payload']);
      expect(performance.now() - started).toBeLessThan(20_000); // generous: the limit is 5 s
      expect(schema.packedTypes?.registry().getMessage('gwb.packed.Payload')).toBeUndefined();
    } finally {
      client.close();
    }
  }, 40_000);
});
