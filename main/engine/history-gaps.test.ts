// A long stream through the real engine into the workspace's history: the engine's log keeps only
// the first events and a window (callLog.maxEvents), history keeps a head and a tail of that, and
// the entry's gaps say where events are missing and which messages they held, so every kept
// message can be numbered as in the live call (renderer/timeline/callLog.ts does it from the gaps).
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { benchServer, listen } from '../../bench/_bench-service.js';
import type { CallEvent } from '../../shared/calls/events.js';
import { startEngineKit, streamBenchToEnd, type EngineKit } from './engine.testkit.js';

const COUNT = 3_000;
let server: grpc.Server;
let target: string;
let kit: EngineKit;

beforeAll(async () => {
  server = benchServer();
  target = `127.0.0.1:${await listen(server)}`;
  // A window smaller than the stream, so the engine itself lets go of events.
  kit = startEngineKit({ callLog: { maxEvents: 700, maxBytes: 16 << 20 } });
  await kit.call('workspace.open', {});
});
afterAll(async () => {
  await kit.close();
  server.forceShutdown();
});

it('stores where a long stream went missing and numbers every kept message as live', async () => {
  await streamBenchToEnd(kit, target, { count: COUNT, size: 30, timeoutMs: 60_000 });
  await expect.poll(async () => (await kit.call('history.list', {})).entries.length).toBe(1);
  const [summary] = (await kit.call('history.list', {})).entries;
  const { entry } = await kit.call('history.get', { id: summary!.id });

  const kept = entry.events as unknown as CallEvent[];
  const gaps = entry.gaps ?? [];
  const last = kept.at(-1)!;
  expect(last.type).toBe('ended');
  expect(kept.length).toBeLessThanOrEqual(1000);
  // The engine's gap (after the pinned first events) and the cap's: every missing seq is in one.
  expect(gaps.length).toBeGreaterThanOrEqual(1);
  expect(entry.droppedEvents).toBe(last.seq + 1 - kept.length);
  expect(gaps.reduce((n, g) => n + g.events, 0)).toBe(entry.droppedEvents);
  for (const g of gaps) {
    const before = kept[g.at - 1]!;
    expect(kept[g.at]!.seq - before.seq - 1).toBe(g.events);
  }
  // Each kept message's number (kept before it + the gaps' before it) is the server's own count.
  let received = 0;
  let g = 0;
  let missingBefore = 0;
  for (let i = 0; i < kept.length; i++) {
    while (g < gaps.length && gaps[g]!.at <= i) missingBefore += gaps[g++]!.received;
    const e = kept[i]!;
    if (e.type !== 'received') continue;
    received++;
    const serverSeq = Number((e.message as { seq?: string | number }).seq ?? 0);
    expect(received + missingBefore).toBe(serverSeq + 1);
  }
  expect(received + gaps.reduce((n, x) => n + x.received, 0)).toBe(COUNT);
});
