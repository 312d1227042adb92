// A threshold's measured value is said with its unit: "measured 156.799" alone does not say
// whether it is milliseconds, calls per second or errors.
import { describe, expect, it } from 'vitest';
import { measured } from './format.js';

describe('a threshold’s measured value', () => {
  it('carries the unit its metric is measured in', () => {
    expect(measured('p99 < 50ms', 156.7994)).toBe('156.799 ms');
    expect(measured('p99.9 < 1s', 2)).toBe('2 ms');
    expect(measured('rps > 1000', 812.5)).toBe('812.5 calls/s');
    expect(measured('errors < 1', 3)).toBe('3 errors');
    expect(measured('errors < 0.1%', 0.25)).toBe('0.25%');
  });
});
