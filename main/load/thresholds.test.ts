import { expect, it } from 'vitest';
import { arrivalMs, parseDuration, parseRate } from './schedule.js';
import { parseThreshold } from './thresholds.js';

it('reads thresholds in their units', () => {
  expect(parseThreshold('p99 < 50ms')).toMatchObject({ metric: 'p99', op: '<', value: 50 });
  expect(parseThreshold('p99.9<=1.5s')).toMatchObject({ metric: 'p99.9', op: '<=', value: 1500 });
  expect(parseThreshold('max < 500us').value).toBeCloseTo(0.5);
  expect(parseThreshold('errors < 0.1%')).toMatchObject({ value: 0.1, percent: true });
  expect(parseThreshold('errors < 5')).toMatchObject({ value: 5, percent: false });
  expect(parseThreshold('rps > 1000')).toMatchObject({ metric: 'rps', op: '>', value: 1000 });
});

it.each([
  ['p99 < 50', 'at position 9: p99 needs a unit (ms, s or us)'],
  ['p99 < 50xs', 'at position 9: unknown unit "xs" (ms, s or us)'],
  ['  latency < 5ms', 'at position 3: unknown metric "latency"'],
  ['p99 5ms', 'at position 5: expected <, <=, > or >= after p99'],
  ['p99 <', 'at position 6: expected a value'],
  ['rps > fast', 'at position 7: "fast" is not a number'],
  ['errors < 1ms', 'at position 11: errors takes a count or a percentage, not "ms"'],
  ['p99 < 50 ms', 'at position 10: expected METRIC < VALUE'],
])('%s is refused naming the position', (text, message) => {
  expect(() => parseThreshold(text)).toThrow(`--threshold '${text}': ${message}`);
});

it('schedules arrivals at the rate, and along a ramp', () => {
  expect(arrivalMs({ from: 200, to: 200, rampMs: 0 }, 200)).toBeCloseTo(1000);
  // 100 → 300 over 2 s: 400 calls in the ramp, then 300 a second.
  const ramp = { from: 100, to: 300, rampMs: 2000 };
  expect(arrivalMs(ramp, 0)).toBe(0);
  expect(arrivalMs(ramp, 400)).toBeCloseTo(2000);
  expect(arrivalMs(ramp, 700)).toBeCloseTo(3000);
  // Halfway through the ramp (1 s, at 200/s), 150 calls have been due.
  expect(arrivalMs(ramp, 150)).toBeCloseTo(1000);
});

it('reads rates and durations strictly', () => {
  expect(parseRate('500')).toEqual({ from: 500, to: 500, rampMs: 0 });
  expect(parseRate('100:1000:30s')).toEqual({ from: 100, to: 1000, rampMs: 30_000 });
  expect(() => parseRate('100:1000')).toThrow('expected RATE or FROM:TO:DURATION');
  expect(() => parseRate('0')).toThrow('the rate must be above 0');
  expect(parseDuration('--duration', '1.5m')).toBe(90_000);
  expect(() => parseDuration('--duration', '10')).toThrow('--duration 10: expected a duration');
});
