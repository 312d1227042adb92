// `call.start` answers with notes in words for what the user would expect of a call and will not
// get: a stream (recorded by default) that captures a secret from its answer is not recorded, and
// the Send says so instead of leaving the recordings list silently short of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import { demoRequest, startDemoEngineKit, type EngineKit } from './engine.testkit.js';

const TAIL = '/example.LogService/Tail';
let kit: EngineKit;
let target: string;
let schemaId: string;

beforeAll(async () => {
  ({ kit, target, schemaId } = await startDemoEngineKit());
});
afterAll(() => kit?.close());

const ended = (callId: string) => (p: EventPayload<'call.events'>) =>
  p.callId === callId && p.events.some((e) => e.type === 'ended');

async function tail(captureSecret: boolean) {
  const started = await kit.call('call.start', {
    schemaId,
    request: demoRequest(target, TAIL, [{ source: 'notes', lines: 2, interval_ms: 1 }], {
      captures: [{ name: 'line', expr: 'messages[0].text', secret: captureSecret }],
    }),
  });
  await kit.waitForEvent('call.events', ended(started.callId));
  return started;
}

describe('call notes', () => {
  it('a stream capturing a secret says it is not recorded, and why', async () => {
    const started = await tail(true);
    expect(started.notes).toEqual([
      'Not recorded: it captures the secret "line", and a recording would write its value to a file.',
    ]);
    expect((await kit.call('recording.list', { method: TAIL })).recordings).toHaveLength(0);
  });

  it('a stream capturing a plain value is recorded and has no notes', async () => {
    const started = await tail(false);
    expect(started.notes).toBeUndefined();
    expect((await kit.call('recording.list', { method: TAIL })).recordings).toHaveLength(1);
  });
});
