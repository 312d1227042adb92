import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { serializeEvent } from '../writer/serialize-event.js';
import { emptySentLineParts, isServerLine, parseSentLine, timeText } from './sent-line.js';

function parse(line: string) {
  const buf = Buffer.from(`\n${line}\n`); // a line in the middle of a chunk
  const parts = emptySentLineParts();
  if (!parseSentLine(buf, 1, buf.length - 1, parts)) return undefined;
  return {
    head: buf.toString('utf8', 1, parts.headEnd),
    raw: buf.toString('latin1', parts.rawStart, parts.rawEnd),
    size: parts.size,
    t: Number.isNaN(parts.t) ? timeText(buf, parts) : parts.t,
    /** Read on the spot (a plain decimal), not left for timeText. */
    plain: !Number.isNaN(parts.t),
  };
}

const sent = (message: unknown, raw: string, size: number, t: number, seq = 3): string =>
  serializeEvent({ type: 'sent', message, size, raw, seq, t } as CallEvent);

describe("a sent line of our writer's, taken apart as bytes", () => {
  it.each([0, 7, 0.001, 12.345, 0.1 + 0.2, 1e-7, 1e21, 86_400_000.125, 123456789012.5])(
    'gives the raw bytes, size, t = %s and the line up to its seq',
    (t) => {
      const line = sent({ text: 'é ☺ "q" ,"seq":1,"t":2}' }, 'CgF4EgF5', 6, t);
      expect(parse(line)).toEqual({
        head: line.slice(0, line.indexOf(',"seq":3,')),
        raw: 'CgF4EgF5',
        size: 6,
        t,
        plain: /^\d+(\.\d{1,3})?$/.test(String(t)),
      });
    },
  );

  it.each([
    [
      'a received line',
      serializeEvent({
        type: 'received',
        message: {},
        size: 0,
        raw: '',
        seq: 1,
        t: 1,
      } as CallEvent),
    ],
    ['no raw', serializeEvent({ type: 'sent', message: {}, size: 0, seq: 1, t: 1 } as CallEvent)],
    [
      'a decode error after raw',
      serializeEvent({
        type: 'sent',
        message: null,
        size: 1,
        raw: 'AA==',
        decodeError: 'x"',
        seq: 1,
        t: 1,
      } as CallEvent),
    ],
    ['spaces', sent({}, 'AA==', 1, 1).replace(',"t":', ', "t": ')],
    ['a space at the end', `${sent({}, 'AA==', 1, 1)} `],
    ['a leading zero in size', sent({}, 'AA==', 1, 1).replace('"size":1', '"size":01')],
    ['a seq that is not a number', sent({}, 'AA==', 1, 1).replace('"seq":3', '"seq":"3"')],
    ['a t that is not a number', sent({}, 'AA==', 1, 1).replace('"t":1}', '"t":1e}')],
    ['a t of -', sent({}, 'AA==', 1, 1).replace('"t":1}', '"t":-}')],
    [
      'other keys first',
      sent({}, 'AA==', 1, 1).replace(
        '{"dir":"client","type":"sent"',
        '{"type":"sent","dir":"client"',
      ),
    ],
  ])('refuses %s (the full parser takes it)', (_name, line) => {
    expect(parse(line)).toBeUndefined();
  });

  it('tells server lines apart without parsing them', () => {
    const line = Buffer.from(
      serializeEvent({ type: 'received', message: {}, size: 0, seq: 1, t: 1 } as CallEvent),
    );
    expect(isServerLine(line, 0, line.length)).toBe(true);
    const other = Buffer.from(sent({}, 'AA==', 1, 1));
    expect(isServerLine(other, 0, other.length)).toBe(false);
    expect(isServerLine(line, 0, 5)).toBe(false);
  });
});
