import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runLoad } from './run-load.js';
import { loadRequest, loadTarget, startLoadServer, type LoadServer } from './load.testkit.js';
import type { LoadProgress, LoadReport } from './report-types.js';
import { parseThreshold, checkThresholds } from './thresholds.js';

let server: LoadServer;
beforeAll(async () => {
  server = await startLoadServer();
});
afterAll(() => server.close());
beforeEach(() => server.slowDown(Infinity, 0));

function expectCountsAddUp(report: LoadReport): void {
  expect(report.ok + report.errors).toBe(report.sent);
  expect(report.statuses.reduce((n, s) => n + s.count, 0)).toBe(report.sent);
}

it('makes exactly --total unary calls, and the counts add up', { timeout: 60_000 }, async () => {
  const before = server.unaryCalls();
  const report = await runLoad(loadTarget(loadRequest(server, 'Unary')), {
    workers: 1,
    concurrency: 8,
    total: 500,
  });
  expect(report.sent).toBe(500);
  expect(report.ok).toBe(500);
  expect(report.errors).toBe(0);
  expect(server.unaryCalls() - before).toBe(500);
  expect(report.statuses).toEqual([{ code: 0, count: 500, sample: '' }]);
  expect(report.messagesSent).toBe(500);
  expect(report.messagesReceived).toBe(500);
  // "hi" is 4 bytes encoded, plus the 5-byte frame prefix, each way.
  expect(report.bytesSent).toBe(500 * 9);
  expect(report.bytesReceived).toBe(500 * 9);
  expect(report.latencyMs.p50).toBeGreaterThan(0);
  expect(report.latencyMs.max).toBeGreaterThanOrEqual(report.latencyMs.p99);
});

it('gives the same totals with one worker and with two', { timeout: 60_000 }, async () => {
  const target = loadTarget(loadRequest(server, 'Unary'));
  for (const workers of [1, 2]) {
    const before = server.unaryCalls();
    const report = await runLoad(target, { workers, concurrency: 6, total: 301, connections: 2 });
    expect(report.workers).toBe(workers);
    expect(report.sent).toBe(301);
    expect(report.ok).toBe(301);
    expect(server.unaryCalls() - before).toBe(301);
  }
});

it('does not count warm-up calls', { timeout: 60_000 }, async () => {
  const before = server.unaryCalls();
  const report = await runLoad(loadTarget(loadRequest(server, 'Unary')), {
    workers: 1,
    concurrency: 2,
    total: 50,
    warmupMs: 300,
  });
  expect(report.sent).toBe(50);
  expect(server.unaryCalls() - before).toBeGreaterThan(50);
});

it('breaks down failed calls by status with a sample message', { timeout: 60_000 }, async () => {
  const report = await runLoad(loadTarget(loadRequest(server, 'Unary', [{ text: 'fail' }])), {
    workers: 1,
    concurrency: 4,
    total: 40,
  });
  expect(report.ok).toBe(0);
  expect(report.errors).toBe(40);
  expect(report.statuses).toEqual([{ code: 3, count: 40, sample: 'told to fail' }]);
});

it('fills {{$uuid}} and --data columns in again for every call', { timeout: 60_000 }, async () => {
  const from = server.texts.length;
  const report = await runLoad(
    loadTarget(loadRequest(server, 'Unary', [{ text: '{{name}}-{{$uuid}}' }]), {
      dataRows: [{ name: 'ann' }, { name: 'bob' }],
    }),
    { workers: 2, concurrency: 4, total: 40 },
  );
  expect(report.ok).toBe(40);
  const texts = server.texts.slice(from);
  expect(new Set(texts).size).toBe(40);
  expect(texts.filter((t) => t.startsWith('ann-')).length).toBe(20);
  expect(texts.filter((t) => t.startsWith('bob-')).length).toBe(20);
});

it('refuses a variable that is neither dynamic nor a data column', async () => {
  await expect(
    runLoad(loadTarget(loadRequest(server, 'Unary', [{ text: '{{nope}}' }])), {
      workers: 1,
      total: 1,
    }),
  ).rejects.toThrow(/unknown variable \{\{nope\}\} in messages\[0\]\.text/);
});

it('counts the messages of stream calls each way', { timeout: 60_000 }, async () => {
  const upload = await runLoad(loadTarget(loadRequest(server, 'Upload')), {
    workers: 1,
    concurrency: 2,
    total: 10,
    streamMessages: 5,
  });
  expect(upload).toMatchObject({ sent: 10, ok: 10, messagesSent: 50, messagesReceived: 10 });
  const download = await runLoad(loadTarget(loadRequest(server, 'Download', [{ count: 7 }])), {
    workers: 1,
    concurrency: 2,
    total: 10,
  });
  expect(download).toMatchObject({ sent: 10, ok: 10, messagesSent: 10, messagesReceived: 70 });
  const chat = await runLoad(loadTarget(loadRequest(server, 'Chat')), {
    workers: 1,
    concurrency: 2,
    total: 10,
    streamMessages: 3,
  });
  expect(chat).toMatchObject({ sent: 10, ok: 10, messagesSent: 30, messagesReceived: 30 });
});

it('shows a server that slows down in the upper percentiles', { timeout: 60_000 }, async () => {
  // The last 40 of 200 calls (20%) wait DELAY_MS on the server. Every bound below comes from the
  // injected delay and the share of slowed calls, not from this machine's speed: a slowed call
  // cannot take less than the delay, so p90 and above (the slowest 20%) are at least the delay;
  // the median is one of the 160 calls answered at once, and the delay is chosen far above
  // anything an unslowed localhost call takes, so it stays below it however busy the cores are.
  const DELAY_MS = 250;
  server.slowDown(server.unaryCalls() + 160, DELAY_MS);
  const report = await runLoad(loadTarget(loadRequest(server, 'Unary')), {
    workers: 1,
    concurrency: 4,
    total: 200,
  });
  expect(report.ok).toBe(200);
  expect(report.latencyMs.p90).toBeGreaterThanOrEqual(DELAY_MS);
  expect(report.latencyMs.p99).toBeGreaterThanOrEqual(DELAY_MS);
  expect(report.latencyMs.p50).toBeLessThan(DELAY_MS);
  const [median, upper] = [`p50 < ${DELAY_MS}ms`, `p99 < ${DELAY_MS}ms`].map(parseThreshold);
  expect(checkThresholds([median!, upper!], report).map((r) => r.passed)).toEqual([true, false]);
});

it('paces an open-model run within 2% of the rate over 10 s', { timeout: 60_000 }, async () => {
  const progress: LoadProgress[] = [];
  let starts = { first: 0, last: 0 };
  const report = await runLoad(loadTarget(loadRequest(server, 'Unary')), {
    workers: 2,
    rate: { from: 200, to: 200, rampMs: 0 },
    durationMs: 10_000,
    onProgress: (p) => progress.push(p),
    onStarts: (s) => (starts = s),
  });
  expect(report.model).toBe('open');
  expectCountsAddUp(report);
  // The pacing target, as it states it: the calls start at 200/s, within 2%, over 10 s.
  // Measured on the starts (2000 of them, 1999 gaps), which is what the generator controls. The
  // report's rps counts until the last call ended: under load (load average 14 on two cores, p99
  // 1.7 s) the last calls' latency alone put it 3.7% low, the machine not keeping up, not the pace
  // (README, load runs). That one is only checked to be no higher than the pace.
  expect(Math.abs(report.sent - 2000)).toBeLessThanOrEqual(40);
  const paced = ((report.sent - 1) * 1000) / (starts.last - starts.first);
  expect(
    Math.abs(paced - 200),
    `started ${report.sent} over ${starts.last - starts.first} ms`,
  ).toBeLessThanOrEqual(4);
  expect(report.rps).toBeLessThanOrEqual(paced * 1.02);
  // Live progress while it runs, merged over both workers. How many snapshots come is the event
  // loops' pace (a merged one goes out when every worker has told its interval; a loaded machine
  // gave 7 in 10 s): not counted, only that they came, grow, and sum both workers' calls.
  expect(progress.length).toBeGreaterThanOrEqual(2);
  for (const [i, p] of progress.entries()) {
    expect(p.sent).toBeLessThanOrEqual(report.sent);
    if (i > 0) expect(p.sent).toBeGreaterThanOrEqual(progress[i - 1]!.sent);
  }
  // One worker alone has half the arrivals; the last snapshot (its totals up to an interval old)
  // has well over that.
  const last = progress.at(-1)!;
  expect(last.sent).toBeGreaterThan(0.6 * 200 * (last.elapsedMs / 1000));
});

it(
  'counts open-model latency from the intended start (coordinated omission)',
  { timeout: 60_000 },
  async () => {
    // 100 calls/s to a server taking 20 ms, one at a time: calls fall behind their slots by more
    // and more. Measured from the actual start every call would take ~20 ms.
    server.slowDown(0, 20);
    const report = await runLoad(loadTarget(loadRequest(server, 'Unary')), {
      workers: 1,
      concurrency: 1,
      rate: { from: 100, to: 100, rampMs: 0 },
      durationMs: 1000,
    });
    expectCountsAddUp(report);
    expect(report.latencyMs.p50).toBeGreaterThan(100);
    expect(report.latencyMs.max).toBeGreaterThan(400);
  },
);

it('ramps the rate from one value to another', { timeout: 60_000 }, async () => {
  const report = await runLoad(loadTarget(loadRequest(server, 'Unary')), {
    workers: 1,
    rate: { from: 50, to: 250, rampMs: 2000 },
    durationMs: 3000,
  });
  // 2 s ramping from 50 to 250 (300 calls), then 1 s at 250.
  expect(Math.abs(report.sent - 550)).toBeLessThanOrEqual(3);
});

it('still reports when stopped, cancelled calls counted', { timeout: 60_000 }, async () => {
  server.slowDown(0, 200);
  const stop = new AbortController();
  const report = await runLoad(loadTarget(loadRequest(server, 'Unary')), {
    workers: 2,
    concurrency: 8,
    durationMs: 30_000,
    signal: stop.signal,
    intervalMs: 250,
    // Stopped once calls are under way: eight are in flight, each taking 200 ms.
    onProgress: (p) => {
      if (p.sent > 8) stop.abort();
    },
  });
  expect(report.interrupted).toBe(true);
  expectCountsAddUp(report);
  expect(report.statuses.find((s) => s.code === 1)?.count).toBe(8);
  expect(report.durationMs).toBeLessThan(5000);
});
