// The live charts' points: one snapshot a second for as long as a run goes would grow without end
// (an hour is 3,600 points drawn and re-rendered every second). Past MAX_POINTS, neighbouring pairs
// are merged into one point (the later one: its counts are cumulative, its rate and latency the
// pair's larger, so a spike stays visible), halving the line's resolution; the finished report
// keeps its full timeline.
import type { LoadSnapshot } from '../../shared/contract/load-commands.js';

export const MAX_POINTS = 600;

function merged(a: LoadSnapshot, b: LoadSnapshot): LoadSnapshot {
  return {
    ...b,
    rps: Math.max(a.rps, b.rps),
    latencyMs: {
      p50: Math.max(a.latencyMs.p50, b.latencyMs.p50),
      p90: Math.max(a.latencyMs.p90, b.latencyMs.p90),
      p95: Math.max(a.latencyMs.p95, b.latencyMs.p95),
      p99: Math.max(a.latencyMs.p99, b.latencyMs.p99),
      p999: Math.max(a.latencyMs.p999, b.latencyMs.p999),
      max: Math.max(a.latencyMs.max, b.latencyMs.max),
      mean: (a.latencyMs.mean + b.latencyMs.mean) / 2,
    },
  };
}

/** The points with one more snapshot, never more than `max` of them. */
export function withSnapshot(
  points: readonly LoadSnapshot[],
  next: LoadSnapshot,
  max = MAX_POINTS,
): LoadSnapshot[] {
  const out = [...points, next];
  if (out.length <= max) return out;
  const halved: LoadSnapshot[] = [];
  for (let i = 0; i < out.length; i += 2) {
    const a = out[i] as LoadSnapshot;
    const b = out[i + 1];
    halved.push(b ? merged(a, b) : a);
  }
  return halved;
}

/** A whole timeline as at most `max` chart points. */
export function chartPoints(timeline: readonly LoadSnapshot[], max = MAX_POINTS): LoadSnapshot[] {
  if (timeline.length <= max) return [...timeline];
  return timeline.reduce<LoadSnapshot[]>((points, s) => withSnapshot(points, s, max), []);
}
