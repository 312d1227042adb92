import { describe, it, expect } from 'vitest';
import { isEventEnvelope, isReplyEnvelope } from './envelope-guards.js';
import { callEnvelopeSchema } from './envelope.js';

describe('envelope guards', () => {
  it('tell replies from events and reject everything else', () => {
    expect(isReplyEnvelope({ t: 'result', id: 1, output: {} })).toBe(true);
    expect(isReplyEnvelope({ t: 'error', id: null, code: 'internal', message: 'x' })).toBe(true);
    expect(isReplyEnvelope({ t: 'event', topic: 'a', payload: 1 })).toBe(false);
    expect(isEventEnvelope({ t: 'event', topic: 'a', payload: 1 })).toBe(true);
    expect(isEventEnvelope({ t: 'result', id: 1, output: {} })).toBe(false);
    for (const bad of [null, undefined, 'event', 3, [], { t: 'call' }]) {
      expect(isReplyEnvelope(bad)).toBe(false);
      expect(isEventEnvelope(bad)).toBe(false);
    }
  });

  it('the host-side schema is still re-exported beside them and still validates', () => {
    expect(
      callEnvelopeSchema.safeParse({ t: 'call', id: 1, name: 'schema.list', input: {} }).success,
    ).toBe(true);
    expect(
      callEnvelopeSchema.safeParse({ t: 'call', id: -1, name: 'schema.list', input: {} }).success,
    ).toBe(false);
  });
});
