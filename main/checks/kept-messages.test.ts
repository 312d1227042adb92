// One policy for the messages checks see, in the UI and in runs: the first MAX_KEPT_MESSAGES are
// kept, all are counted, and an expression over `messages` or `message` of a call that received
// more fails saying so, instead of judging the first ones as if they were all.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { callResultFromLog } from './call-result.js';
import { evaluateChecks } from './evaluate.js';
import { KeptEvents, MAX_KEPT_MESSAGES } from './kept-events.js';

/** The events of a server stream of `count` messages, through KeptEvents as the observer does. */
function streamOf(count: number): KeptEvents {
  const kept = new KeptEvents();
  kept.add({ seq: 0, t: 0, type: 'started', kind: 'server_stream' } as CallEvent);
  for (let i = 0; i < count; i++)
    kept.add({ seq: i + 1, t: 1, type: 'received', message: { n: i } } as unknown as CallEvent);
  kept.add({
    seq: count + 1,
    t: 2,
    type: 'status',
    status: { code: 0, codeName: 'OK', message: 'OK', details: [] },
  } as CallEvent);
  kept.add({ seq: count + 2, t: 3, type: 'ended', durationMs: 3 } as CallEvent);
  return kept;
}

describe('messages past what checks keep', () => {
  it('keeps the first ones, counts all, and an assertion over messages says it cannot judge', () => {
    const kept = streamOf(MAX_KEPT_MESSAGES + 20_000);
    expect(kept.received).toBe(120_000);
    const result = callResultFromLog(kept.events, kept.received);
    expect(result.messages).toHaveLength(MAX_KEPT_MESSAGES);
    expect(result.droppedMessages).toBe(20_000);
    const checked = evaluateChecks(
      {
        messages: [],
        assertions: [
          { expr: 'status.code == 0' },
          { expr: 'messages.size() > 0' },
          { expr: 'message.n >= 0' },
        ],
        captures: [{ name: 'last', expr: 'messages[messages.size() - 1].n' }],
      },
      result,
    );
    const needsAll =
      '120,000 messages received; checks keep 100,000 — this expression needs all of them';
    expect(checked.assertions.map((a) => [a.expr, a.passed, a.error])).toEqual([
      ['status.code == 0', true, undefined],
      ['messages.size() > 0', false, needsAll],
      ['message.n >= 0', false, needsAll],
    ]);
    expect(checked.captures[0]).toMatchObject({ name: 'last', error: needsAll });
    expect(checked.passed).toBe(false);
  });

  it('judges a stream it kept whole', () => {
    const kept = streamOf(3);
    const result = callResultFromLog(kept.events, kept.received);
    expect(result.droppedMessages).toBe(0);
    const checked = evaluateChecks(
      { messages: [], assertions: [{ expr: 'messages.size() == 3' }] },
      result,
    );
    expect(checked.passed).toBe(true);
  });
});
