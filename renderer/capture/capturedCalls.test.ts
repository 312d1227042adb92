import { describe, expect, it } from 'vitest';
import {
  durationText,
  mergeCapturedCalls,
  MAX_SHOWN_CALLS,
  statusText,
  type CapturedCall,
} from './capturedCalls.js';

const call = (id: string, startedAt: number, extra: Partial<CapturedCall> = {}): CapturedCall => ({
  id,
  method: '/example.ChatService/Chat',
  startedAt,
  sent: 0,
  received: 0,
  durationMs: 0,
  done: false,
  ...extra,
});

describe('the captured calls list', () => {
  it('replaces a call in place by id and puts new ones on top, newest first', () => {
    const shown = [call('b', 2), call('a', 1)];
    const merged = mergeCapturedCalls(shown, [
      call('a', 1, { sent: 3, received: 2 }),
      call('c', 3),
      call('d', 4),
    ]);
    expect(merged.map((c) => c.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(merged[3]).toMatchObject({ sent: 3, received: 2 });
  });

  it('keeps at most the engine’s number of calls', () => {
    const many = Array.from({ length: MAX_SHOWN_CALLS }, (_, i) => call(`old${i}`, i));
    const merged = mergeCapturedCalls(many.reverse(), [call('new', 10_000)]);
    expect(merged).toHaveLength(MAX_SHOWN_CALLS);
    expect(merged[0]?.id).toBe('new');
    expect(merged.some((c) => c.id === 'old0')).toBe(false);
  });

  it('says a call’s state and duration in words', () => {
    expect(statusText(call('a', 1))).toBe('running');
    expect(
      statusText(
        call('a', 1, { done: true, status: { code: 5, codeName: 'NOT_FOUND', message: '' } }),
      ),
    ).toBe('NOT_FOUND');
    expect(durationText(12.4)).toBe('12 ms');
    expect(durationText(3400)).toBe('3.4 s');
    expect(durationText(125_000)).toBe('2 min 5 s');
  });
});
