// A captured value is in place before the call's end is published: a call started the moment the
// UI hears that the call before it ended sends the value it captured (CEL is loaded when a call
// with checks starts, and its captures are judged at the end, before the end is told to anyone).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { EventPayload, EventTopic } from '../../shared/contract/index.js';
import { demoRequest, startDemoEngineKit, type EngineKit } from '../engine/engine.testkit.js';

let kit: EngineKit;
let target: string;
let schemaId: string;
const emitted: { topic: EventTopic; payload: unknown }[] = [];
let onEmit: ((topic: EventTopic, payload: unknown) => void) | undefined;

beforeAll(async () => {
  ({ kit, target, schemaId } = await startDemoEngineKit({
    emit: (topic, payload) => {
      emitted.push({ topic, payload });
      onEmit?.(topic, payload);
    },
  }));
});

afterAll(async () => {
  await kit.close();
});

function eventsOf(callId: string): CallEvent[] {
  return emitted
    .filter((e) => e.topic === 'call.events')
    .map((e) => e.payload as EventPayload<'call.events'>)
    .filter((p) => p.callId === callId)
    .flatMap((p) => p.events);
}

it('a call started as soon as the previous one is heard to end sends what it captured', async () => {
  let second: Promise<{ t: string; output?: unknown }> | undefined;
  const first = await kit.call('call.start', {
    schemaId,
    // The engine's first call with checks: CEL has not been loaded before it.
    request: demoRequest(target, '/example.UserService/GetUser', [{ id: '42' }], {
      captures: [{ name: 'userName', expr: 'response.name' }],
    }),
  });
  const heardEnd = new Promise<void>((resolve) => {
    onEmit = (topic, payload) => {
      if (topic !== 'call.events') return;
      const p = payload as EventPayload<'call.events'>;
      if (p.callId !== first.callId || !p.events.some((e) => e.type === 'ended')) return;
      onEmit = undefined;
      second = kit.router.invoke('call.start', {
        schemaId,
        request: demoRequest(target, '/example.UserService/GetUser', [{ id: '{{userName}}' }]),
      });
      resolve();
    };
  });
  await heardEnd;
  const reply = await second!;
  expect(reply).toMatchObject({ t: 'result' });
  const { callId } = (reply as { output: { callId: string } }).output;
  await new Promise<void>((resolve) => {
    const ended = () => eventsOf(callId).some((e) => e.type === 'ended') && resolve();
    onEmit = ended;
    ended();
  });
  const sent = eventsOf(callId).find((e) => e.type === 'sent');
  expect(sent).toMatchObject({ message: { id: 'Douglas Adams' } });
});
