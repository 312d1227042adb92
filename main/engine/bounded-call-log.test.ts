// A live call's log through the real engine (issue 11, point 4): a 100k-message stream from a
// real grpc-js server keeps a window in memory, spills the rest under the data dir, and
// `call.events` still pages through every event by seq; release and close remove the spill.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { benchServer, listen } from '../../bench/_bench-service.js';
import type { CallEvent } from '../../shared/calls/events.js';
import { startEngineKit, streamBenchToEnd, type EngineKit } from './engine.testkit.js';

// Five windows of 20,000 events: the window spills some thirty times and the spill is read back
// across many 1 MB chunks and pages. 300k proved no more and took two minutes on a loaded machine.
const COUNT = 100_000;
const WINDOW = 20_000;
let server: grpc.Server;
let target: string;
let kit: EngineKit;

beforeAll(async () => {
  server = benchServer();
  target = `127.0.0.1:${await listen(server)}`;
  kit = startEngineKit({ callLog: { maxEvents: WINDOW, maxBytes: 16 << 20 } });
});
afterAll(async () => {
  await kit.close();
  server.forceShutdown();
});

function spillFiles(): string[] {
  const root = join(kit.dataDir, 'call-logs');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((d) => readdirSync(join(root, d)));
}

it(
  'pages through a 100k-message stream from the spill and the window',
  { timeout: 180_000 },
  async () => {
    const { callId } = await streamBenchToEnd(kit, target, {
      count: COUNT,
      size: 30,
      timeoutMs: 150_000,
    });
    expect(spillFiles()).toEqual([`${callId}.jsonl`]);
    // Ended, the call keeps only its last 1,000 events in memory: the rest is in the spill file.
    const spilled =
      readFileSync(
        join(
          kit.dataDir,
          'call-logs',
          readdirSync(join(kit.dataDir, 'call-logs'))[0]!,
          `${callId}.jsonl`,
        ),
        'utf8',
      ).split('\n').length - 1;
    expect(spilled).toBeGreaterThanOrEqual(COUNT - 1_000);
    let since = 0;
    let next = 0;
    let received = 0;
    let last: CallEvent | undefined;
    let done = false;
    while (!done) {
      const page = await kit.call('call.events', { callId, sinceSeq: since, limit: 30_000 });
      for (const event of page.events) {
        // Every seq once, in order; every message in its order.
        if (event.seq !== next) throw new Error(`seq ${event.seq} where ${next} was expected`);
        next++;
        if (event.type === 'received') {
          const seq = Number((event.message as { seq?: string }).seq ?? 0);
          if (seq !== received) throw new Error(`message ${seq} where ${received} was expected`);
          received++;
        }
        last = event;
      }
      since = page.nextSeq;
      done = page.done;
      if (!page.more && !page.done) throw new Error('an ended call said neither more nor done');
    }
    expect(received).toBe(COUNT);
    expect(last?.type).toBe('ended');
    // A page from the middle (spilled) starts where asked.
    const middle = await kit.call('call.events', { callId, sinceSeq: 54_321, limit: 3 });
    expect(middle.events.map((e) => e.seq)).toEqual([54_321, 54_322, 54_323]);
    expect(middle.more).toBe(true);
    await kit.call('call.release', { callId });
    expect(spillFiles()).toEqual([]);
  },
);
