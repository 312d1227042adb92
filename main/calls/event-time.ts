import { performance } from 'node:perf_hooks';

/**
 * An event's `t`: milliseconds since the call started, to the microsecond. More digits say nothing
 * and only lengthen every event frame and recording line.
 */
export function eventTime(t0: number): number {
  return Math.round((performance.now() - t0) * 1000) / 1000;
}
