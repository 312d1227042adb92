// The open model's arrivals: call k (0-based, over all workers) is due at arrivalMs(k) after the
// start, whatever happened to the calls before it. A ramp goes linearly from `from` to `to` calls
// per second over rampMs, then holds `to`. Worker i of W takes arrivals i, i+W, i+2W…: together
// they keep the one schedule.
import { WorkbenchError } from '../../shared/contract/errors.js';

export interface RateSpec {
  from: number;
  to: number;
  rampMs: number;
}

export function arrivalMs(rate: RateSpec, k: number): number {
  const { from: r0, to: r1 } = rate;
  const T = rate.rampMs / 1000;
  if (T === 0 || r0 === r1) return (k / r1) * 1000;
  // Calls due by t seconds in the ramp: r0·t + (r1 − r0)·t²/(2T); solved for t.
  const a = (r1 - r0) / (2 * T);
  const inRamp = ((r0 + r1) / 2) * T;
  if (k <= inRamp) {
    const t = (-r0 + Math.sqrt(r0 * r0 + 4 * a * k)) / (2 * a);
    return t * 1000;
  }
  return (T + (k - inRamp) / r1) * 1000;
}

export class LoadOptionError extends WorkbenchError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** `500ms`, `10s`, `1.5m`, `1h`: a unit is required (a bare number could mean either). */
export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m)
    throw new LoadOptionError(`${flag} ${text}: expected a duration such as 500ms, 10s or 2m`);
  return Number(m[1]) * (DURATION_UNITS[m[2] ?? 's'] ?? 1000);
}

/** `--rps 500` or a ramp `--rps 100:1000:30s` (from 100 to 1000 calls/s over 30 s, then 1000). */
export function parseRate(text: string): RateSpec {
  const parts = text.split(':');
  const number = (part: string, what: string): number => {
    const value = Number(part);
    if (part.trim() === '' || !Number.isFinite(value) || value < 0)
      throw new LoadOptionError(
        `--rps ${text}: ${what} "${part}" is not a rate (calls per second)`,
      );
    return value;
  };
  if (parts.length === 1) {
    const r = number(parts[0] ?? '', 'the rate');
    if (r === 0) throw new LoadOptionError(`--rps ${text}: the rate must be above 0`);
    return { from: r, to: r, rampMs: 0 };
  }
  if (parts.length !== 3)
    throw new LoadOptionError(
      `--rps ${text}: expected RATE or FROM:TO:DURATION, e.g. 100:1000:30s`,
    );
  const from = number(parts[0] ?? '', 'the first rate');
  const to = number(parts[1] ?? '', 'the second rate');
  if (to === 0) throw new LoadOptionError(`--rps ${text}: the rate to ramp to must be above 0`);
  return { from, to, rampMs: parseDuration('--rps', parts[2] ?? '') };
}
