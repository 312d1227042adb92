// The contract's and the recording's event schemas come from one declaration; these are the
// differences between them, kept on purpose.
import { describe, expect, it } from 'vitest';
import { callEventSchema } from '../contract/model.js';
import { recordingEventSchema } from '../recording/schema.js';

const sent = { seq: 0, t: 1.5, type: 'sent', message: { a: 1 }, size: 3 };
const status = {
  seq: 1,
  t: 2,
  type: 'status',
  status: { code: 5, codeName: 'NOT_FOUND', message: '', details: [] },
};

describe('call event schemas', () => {
  it('both accept the same event, the recording with its dir in the same key order', () => {
    expect(callEventSchema.parse(sent)).toEqual(sent);
    const recorded = recordingEventSchema.parse({ ...sent, dir: 'client' });
    expect(Object.keys(recorded)).toEqual(['seq', 't', 'dir', 'type', 'message', 'size']);
    expect(recordingEventSchema.safeParse(sent).success).toBe(false);
  });

  it('the recording takes any present payload; the contract checks it as JSON', () => {
    const odd = { ...sent, message: Number.NaN };
    expect(callEventSchema.safeParse(odd).success).toBe(false);
    expect(recordingEventSchema.safeParse({ ...odd, dir: 'client' }).success).toBe(true);
    const missing = { seq: 0, t: 0, type: 'sent', size: 3, dir: 'client' };
    expect(recordingEventSchema.safeParse(missing).success).toBe(false);
  });

  it('the recording requires an integer size ≥ 0 and an integer status code; the contract does not', () => {
    for (const size of [3.5, -1]) {
      expect(callEventSchema.safeParse({ ...sent, size }).success).toBe(true);
      expect(recordingEventSchema.safeParse({ ...sent, size, dir: 'client' }).success).toBe(false);
    }
    const fractional = { ...status, status: { ...status.status, code: 2.5 } };
    expect(callEventSchema.safeParse(fractional).success).toBe(true);
    expect(recordingEventSchema.safeParse({ ...fractional, dir: 'local' }).success).toBe(false);
  });
});
