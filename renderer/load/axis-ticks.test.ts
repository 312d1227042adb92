// The Load view's chart axes: every label says the value its grid line stands at (the quarters
// of 50 and 25 were labelled 13, 38, 19 and 6.25 beside lines at 12.5, 37.5, 18.75 and 6.25).
import { describe, expect, it } from 'vitest';
import { axisLabel, axisTicks, niceMax } from './format.js';

/** The value a label reads as (1.5k is 1500). */
function read(label: string): number {
  return label.endsWith('k') ? Number(label.slice(0, -1)) * 1000 : Number(label);
}

describe('axisTicks', () => {
  it('labels each grid line with its own value, for every round maximum from 0.00025 to 500k', () => {
    const maxima = [
      0.00021, 0.00045, 0.0000024, 0.007, 0.02, 0.024, 0.04, 0.9, 1.7, 2.1, 3, 7, 12, 22, 38, 49,
      90, 180, 240,
    ]
      .flatMap((n) => [n, n * 1000])
      .map(niceMax);
    for (const max of maxima) {
      const ticks = axisTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBe(max);
      for (const t of ticks) expect(read(axisLabel(t)), `tick ${t} of ${max}`).toBeCloseTo(t, 9);
    }
  });

  it('cuts 50 into tens, 25 into fives, 2k into halves of a thousand', () => {
    expect(axisTicks(50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(axisTicks(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(axisTicks(2000).map(axisLabel)).toEqual(['0', '500', '1k', '1.5k', '2k']);
  });

  it('cuts a small maximum whose lead digit is 2.5 in floating point only nearly into fifths', () => {
    // 0.00025 / 10⁻⁴ is 2.4999999999999996: compared exactly it got quarters (0.0001875, "0.000188").
    expect(axisTicks(0.00025)).toEqual([0, 0.00005, 0.0001, 0.00015, 0.0002, 0.00025]);
    expect(axisTicks(niceMax(0.00021)).map(axisLabel)).toEqual(
      ['0', '0.00005', '0.0001', '0.00015', '0.0002', '0.00025'].map((l) => `${+l}`),
    );
  });
});
