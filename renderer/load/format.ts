// How the Load view writes its figures: milliseconds with the digits that matter, bytes in binary
// units, counts with thousands separators, and a difference between two runs with its sign.

export function ms(n: number): string {
  if (n === 0) return '0 ms';
  if (n < 1) return `${n.toFixed(3)} ms`;
  if (n < 100) return `${n.toFixed(1)} ms`;
  return `${Math.round(n).toLocaleString('en-US')} ms`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function rate(n: number): string {
  return `${n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')}/s`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** `+12.5%`, `−3.0%`, `0%`; `new` when the first is 0 and the second is not. */
export function change(a: number, b: number): string {
  if (a === b) return '0%';
  if (a === 0) return 'new';
  const pct = ((b - a) / Math.abs(a)) * 100;
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above n: an axis ending on a round figure. */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  // Rounded to 12 figures: 2.5 × 10⁻⁶ is 2.4999999999999998e-6 in floating point.
  for (const step of [1, 2, 2.5, 5, 10]) {
    const max = +(step * p).toPrecision(12);
    if (max >= n) return max;
  }
  return +(10 * p).toPrecision(12);
}

/**
 * The figures on a chart's axis from 0 to `max` (a niceMax): steps that are themselves round, so
 * each label is the value its grid line stands at — quarters of 50 would be 12.5 and 37.5,
 * labelled 13 and 38. Fifths for 2.5 and 5 × 10ⁿ, quarters for 1 and 2 × 10ⁿ.
 */
export function axisTicks(max: number): number[] {
  // Not compared exactly: 0.00025 / 10⁻⁴ is 2.4999999999999996, which once got quarters.
  const lead = max / 10 ** Math.floor(Math.log10(max));
  const near = (n: number): boolean => Math.abs(lead - n) < 1e-9;
  const parts = near(2.5) || near(5) ? 5 : 4;
  return Array.from({ length: parts + 1 }, (_, i) => +((max * i) / parts).toPrecision(12));
}

/** An axis or table figure: 1.5k from a thousand up, whole from 10, three figures below 10. */
export function axisLabel(n: number): string {
  if (n >= 1000) return `${+(n / 1000).toFixed(1)}k`;
  return n >= 10 ? `${Math.round(n)}` : `${+n.toPrecision(3)}`;
}

/**
 * A threshold's measured value with its unit, read from the threshold's own text (the engine
 * measures latencies in ms, errors as a count or a percentage, rps in calls per second).
 */
export function measured(threshold: string, actual: number): string {
  const value = +actual.toFixed(3);
  const metric = /^\s*([A-Za-z0-9.]+)/.exec(threshold)?.[1] ?? '';
  if (metric === 'rps') return `${value} calls/s`;
  if (metric === 'errors') return threshold.trim().endsWith('%') ? `${value}%` : `${value} errors`;
  return `${value} ms`;
}
