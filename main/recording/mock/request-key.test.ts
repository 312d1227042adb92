import { describe, expect, it } from 'vitest';
import { requestKey, RequestSequence } from './request-key.js';

describe('requestKey', () => {
  it('ignores field order, keeps values, array order and types', () => {
    const a = requestKey({ b: 1, a: [{ d: '2', c: null }], e: 'x\ny' });
    expect(requestKey({ e: 'x\ny', a: [{ c: null, d: '2' }], b: 1 })).toBe(a);
    expect(requestKey({ b: 1, a: [{ d: 2, c: null }], e: 'x\ny' })).not.toBe(a);
    expect(requestKey([1, 2])).not.toBe(requestKey([2, 1]));
    expect(a).not.toContain('\n');
  });
});

describe('RequestSequence', () => {
  const digestOf = (messages: object[]): string => {
    const s = new RequestSequence();
    for (const m of messages) s.add(m as never);
    return s.digest();
  };

  it('equal for the same messages in the same order only', () => {
    expect(digestOf([{ k: 1 }, { k: 2 }])).toBe(digestOf([{ k: 1 }, { k: 2 }]));
    expect(digestOf([{ k: 1 }, { k: 2 }])).not.toBe(digestOf([{ k: 2 }, { k: 1 }]));
    // Message boundaries count: one message holding "a\n" is not two messages.
    expect(digestOf([{ k: 'a' }, { k: 'b' }])).not.toBe(digestOf([{ k: 'a"}\n{"k":"b' }]));
  });
});
