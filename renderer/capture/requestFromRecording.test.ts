import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { plaintextConnection } from '../../shared/request/targets.js';
import { MAX_DRAFT_MESSAGES, requestFromRecording } from './requestFromRecording.js';

const target = plaintextConnection('localhost:50051');
const started: CallEvent = {
  seq: 0,
  t: 0,
  type: 'started',
  at: 0,
  method: '/example.ChatService/Chat',
  kind: 'bidi_stream',
  target: '127.0.0.1:1',
  metadata: [
    { key: 'x-user', value: 'alice' },
    { key: 'trace-bin', value: 'AAEC' },
  ],
  deadlineMs: 1500.4,
};
const sent = (seq: number, message: unknown): CallEvent =>
  ({ seq, t: seq, type: 'sent', message, size: 3 }) as CallEvent;

describe('a captured call as a request', () => {
  it('has its method, metadata, deadline and the messages its client sent, on the target', () => {
    const doc = requestFromRecording(
      [
        started,
        sent(1, { content: 'one' }),
        { seq: 2, t: 2, type: 'half_closed' },
        sent(3, { content: 'two' }),
      ],
      target,
      'captured/x/a.ndjson',
    );
    expect(doc.method).toBe('/example.ChatService/Chat');
    expect(doc.connection).toEqual(target);
    expect(doc.metadata).toEqual([
      { key: 'x-user', value: 'alice' },
      { key: 'trace-bin', value: 'AAEC' },
    ]);
    expect(doc.deadlineMs).toBe(1500);
    expect(doc.messages).toEqual([{ content: 'one' }, { content: 'two' }]);
    expect(doc.notes).toBe('Captured call captured/x/a.ndjson.');
  });

  it('leaves out messages it could not decode and says so; keeps a draft to a bounded few', () => {
    const undecoded = requestFromRecording([started, sent(1, null)], target, 'a.ndjson');
    expect(undecoded.messages).toEqual([{}]);
    expect(undecoded.notes).toContain('1 of its 1 messages had no schema');
    const many = Array.from({ length: MAX_DRAFT_MESSAGES + 5 }, (_, i) => sent(i + 1, { n: i }));
    const long = requestFromRecording([started, ...many], target, 'a.ndjson');
    expect(long.messages).toHaveLength(MAX_DRAFT_MESSAGES);
    expect(long.notes).toContain(`first ${MAX_DRAFT_MESSAGES} of ${MAX_DRAFT_MESSAGES + 5}`);
  });
});
