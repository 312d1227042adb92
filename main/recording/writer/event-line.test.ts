import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { directionOf } from '../../../shared/recording/index.js';
import { measureEventLine, writeEventLine } from './event-line.js';

// An event that is not a message is written value by value (event-line.ts); readers, replay,
// diff and mock read the line the writer made before it: the event stringified whole, its
// direction spliced in front. That is kept here as the line's spelling, byte for byte.
const stringifiedWhole = (event: Readonly<CallEvent>): string =>
  `{"dir":"${directionOf(event.type)}",${JSON.stringify(event).slice(1)}`;

function written(event: Readonly<CallEvent>): string {
  const room = measureEventLine(event);
  const buf = Buffer.alloc(room + 8, 0xff);
  const end = writeEventLine(buf, 3);
  expect(end - 3).toBeLessThanOrEqual(room);
  expect(buf[end]).toBe(0xff);
  return buf.toString('utf8', 3, end);
}

const metadata = [
  { key: 'content-type', value: 'application/grpc' },
  { key: 'x-ünï "quoted" \\ \n', value: '\ud83d\ude00 \u0001' },
];
const times = [0, 1, 0.001, 4.379, 1922.5168760000015, 1e9 + 0.5, 2 ** 53, 1e21, -0, -1.5];
const odd = [NaN, Infinity, -Infinity];

function events(): CallEvent[] {
  const out: CallEvent[] = [];
  for (const [i, t] of [...times, ...odd].entries()) {
    const seq = [0, i, 2 ** 31, 2 ** 53 - 1][i % 4] as number;
    out.push(
      { type: 'half_closed', seq, t },
      { type: 'ended', durationMs: t, seq, t },
      { type: 'headers', metadata: i % 2 ? metadata : [], seq, t },
      { type: 'trailers', metadata, seq, t },
      {
        type: 'status',
        status: {
          code: i,
          codeName: 'OK',
          message: 'détails "x"',
          details: [{ type: 'google.rpc.ErrorInfo', value: { reason: 'r' }, raw: 'AQID' }],
        },
        seq,
        t,
      },
      {
        type: 'started',
        at: 1796578560032 + i,
        method: '/bench.Bench/Unary',
        kind: 'unary',
        target: 'dns:///host:443',
        metadata,
        ...(i % 3 === 0 ? { deadlineMs: t } : {}),
        ...(i % 2 === 0 ? { protocol: 'Connect JSON (HTTP/2)' } : {}),
        seq,
        t,
      },
    );
  }
  return out;
}

describe('the line of an event that is not a message', () => {
  it('is the event stringified whole with its direction, for every kind, number and text', () => {
    for (const event of events()) expect(written(event)).toBe(`${stringifiedWhole(event)}\n`);
  });

  it('keeps JSON.stringify’s rules: keys in their order, undefined left out, toJSON honoured', () => {
    const shuffled = { t: 2.5, seq: 1, type: 'half_closed' } as unknown as CallEvent;
    const gaps = { type: 'ended', durationMs: 1, extra: undefined, f: () => 1, seq: 2, t: 3 };
    const dated = { type: 'ended', durationMs: new Date(0), seq: 1, t: 1 };
    const own = { type: 'ended', toJSON: () => ({ type: 'ended', x: 1 }), seq: 1, t: 1 };
    const nested = { type: 'headers', metadata: [{ key: 'a', value: 'b', n: -0 }], seq: 0, t: 0 };
    for (const event of [shuffled, gaps, dated, own, nested] as unknown as CallEvent[])
      expect(written(event)).toBe(`${stringifiedWhole(event)}\n`);
  });
});
