import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLoad } from './run-load.js';
import { loadRequest, loadTarget, startLoadServer, type LoadServer } from './load.testkit.js';

let server: LoadServer;
beforeAll(async () => {
  server = await startLoadServer();
});
afterAll(() => server.close());

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
