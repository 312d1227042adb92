// The run's last, partial interval is in its timeline (as k6 and ghz report their tail): a run
// shorter than one tick still has a point, every call that ended is in exactly one interval (the
// intervals add up to the summary), and a run ending right on a tick gets no second, identical point.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lastIntervalIsNewPoint, runLoad, type LoadSettings } from './run-load.js';
import { loadRequest, loadTarget, startLoadServer, type LoadServer } from './load.testkit.js';
import type { LoadCounts, LoadProgress, LoadReport } from './report-types.js';

let server: LoadServer;
beforeAll(async () => {
  server = await startLoadServer();
});
afterAll(() => server.close());

const COUNT_KEYS = [
  'sent',
  'ok',
  'errors',
  'messagesSent',
  'messagesReceived',
  'bytesSent',
  'bytesReceived',
] as const;

function countsOf(c: LoadCounts): LoadCounts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, c[k]])) as unknown as LoadCounts;
}

async function runWithPoints(settings: LoadSettings) {
  const points: LoadProgress[] = [];
  const report: LoadReport = await runLoad(loadTarget(loadRequest(server, 'Unary')), {
    ...settings,
    onProgress: (p) => points.push(p),
  });
  return { points, report };
}

/** Calls that ended in each point's interval: its rate times its length. */
const endedIn = (p: LoadProgress): number => Math.round((p.rps * p.intervalMs) / 1000);

function expectTimelineAddsUp(points: LoadProgress[], report: LoadReport): void {
  expect(report.sent).toBeGreaterThan(0);
  expect(points.length).toBeGreaterThanOrEqual(1);
  expect(countsOf(points.at(-1) as LoadProgress)).toEqual(countsOf(report));
  expect(points.reduce((n, p) => n + endedIn(p), 0)).toBe(report.ok + report.errors);
}

it(
  'has the last, partial interval of a run shorter than one tick',
  { timeout: 60_000 },
  async () => {
    const { points, report } = await runWithPoints({ workers: 1, concurrency: 2, durationMs: 300 });
    expect(points).toHaveLength(1);
    expectTimelineAddsUp(points, report);
    expect(points[0]?.latencyMs.p50).toBeGreaterThan(0);
  },
);

it("merges every worker's last interval into that one point", { timeout: 60_000 }, async () => {
  const { points, report } = await runWithPoints({ workers: 2, concurrency: 4, total: 40 });
  expectTimelineAddsUp(points, report);
});

it(
  'puts every ended call in exactly one interval over many ticks',
  { timeout: 60_000 },
  async () => {
    const { points, report } = await runWithPoints({
      workers: 2,
      concurrency: 2,
      durationMs: 450,
      intervalMs: 100,
    });
    expectTimelineAddsUp(points, report);
    // The last point is the tail: something ended or started in it, it repeats no point.
    const [before, last] = points.slice(-2) as [LoadProgress, LoadProgress];
    expect(endedIn(last) > 0 || countsOf(last).sent !== countsOf(before).sent).toBe(true);
  },
);

it('keeps its points coming after one worker has finished', { timeout: 60_000 }, async () => {
  // One call each; the second the server gets takes 500 ms: one worker is done long before the other.
  server.slowDown(server.unaryCalls() + 1, 500);
  try {
    const { points, report } = await runWithPoints({
      workers: 2,
      concurrency: 1,
      total: 2,
      intervalMs: 50,
    });
    expectTimelineAddsUp(points, report);
    // The slow call's ~10 ticks each make a point: the finished worker holds none back.
    expect(points.length).toBeGreaterThanOrEqual(5);
  } finally {
    server.slowDown(Infinity, 0);
  }
});

const counts = (sent: number): LoadCounts => ({
  sent,
  ok: sent,
  errors: 0,
  messagesSent: sent,
  messagesReceived: sent,
  bytesSent: 9 * sent,
  bytesReceived: 9 * sent,
});

it('adds no second point when the run ends right on a tick', () => {
  // The last tick took every call: nothing ended or started after it.
  expect(lastIntervalIsNewPoint(counts(10), counts(10), 0)).toBe(false);
  // Something after the last tick, or no tick at all: the tail is a point.
  expect(lastIntervalIsNewPoint(counts(10), counts(10), 1)).toBe(true);
  expect(lastIntervalIsNewPoint(counts(10), counts(11), 0)).toBe(true);
  expect(lastIntervalIsNewPoint({ ...counts(10), errors: 1 }, counts(10), 0)).toBe(true);
  expect(lastIntervalIsNewPoint(undefined, counts(0), 0)).toBe(true);
});
