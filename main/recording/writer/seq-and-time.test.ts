import { describe, expect, it } from 'vitest';
import { eventTime } from '../../calls/index.js';
import { writeSeqAndTime } from './seq-and-time.js';

function tail(seq: number, t: number): string {
  const buf = Buffer.alloc(80);
  const end = writeSeqAndTime(buf, 3, seq, t);
  expect(end - 3).toBeLessThanOrEqual(64);
  return buf.toString('latin1', 3, end);
}

describe('the seq and time that end a replayed line', () => {
  it('are spelled as `${seq}` and `${t}` would be, for event times and anything else', () => {
    const times = [
      0,
      1,
      10,
      0.001,
      0.01,
      0.1,
      0.5,
      1.5,
      12.345,
      12.34,
      12.3,
      999.999,
      1000,
      86_400_000.001,
      999_999_999.999,
      1e9,
      1e9 + 0.5,
      0.1 + 0.2,
      1e-7,
      123.4567,
      2 ** 53,
      1e21,
      -1.5,
      -0,
    ];
    for (let i = 0; i < 20_000; i++) times.push(Math.round(Math.random() * 1e9) / 1000);
    for (let i = 0; i < 2_000; i++) times.push(Math.round(Math.random() * 1e12) / 1000);
    const t0 = performance.now() - 5000;
    for (let i = 0; i < 1000; i++) times.push(eventTime(t0));
    for (const t of times) expect(tail(7, t)).toBe(`,"seq":7,"t":${t}}\n`);
    for (const seq of [0, 9, 10, 99, 100, 123_456_789, 2 ** 53 - 1, 2 ** 53, 1.5, -1])
      expect(tail(seq, 2.5)).toBe(`,"seq":${seq},"t":2.5}\n`);
  });
});
