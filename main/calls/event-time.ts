import { performance } from 'node:perf_hooks';

/**
 * An event's `t`: milliseconds since the call started, to the microsecond. More digits say nothing
 * and only lengthen every event frame and recording line.
 */
export function eventTime(t0: number): number {
  return toMicroseconds(performance.now() - t0);
}

/** Milliseconds to the microsecond, as every event's `t` is (the capture proxy's too). */
export function toMicroseconds(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
