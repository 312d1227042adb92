// A spill that fails (a full disk, a removed or unwritable spill folder) must not stop a live
// call: its log drops older events instead, says so once, stays within its window, and the call
// still ends with its status delivered to every observer. Real failures, no mocks: a spill path
// under a regular file, a spill file that is /dev/full, a spill folder removed under a real engine.
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { benchServer, listen } from '../../bench/_bench-service.js';
import type { CallEvent } from '../../shared/calls/events.js';
import { CallLog } from './call-log.js';
import { startEngineKit, streamBenchToEnd, type EngineKit } from './engine.testkit.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-spill-fail-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function received(seq: number): CallEvent {
  return { seq, t: seq, type: 'received', message: { n: seq }, size: 10 } as CallEvent;
}

/** Appends `count` messages then `ended`; returns the most events ever in memory. */
function stream(log: CallLog, count: number): number {
  let most = 0;
  log.append({
    seq: 0,
    t: 0,
    type: 'started',
    at: 1,
    method: '/a.B/C',
    kind: 'server_stream',
    target: 'x:1',
    metadata: [],
  } as CallEvent);
  for (let seq = 1; seq <= count; seq++) {
    log.append(received(seq));
    most = Math.max(most, log.inMemory());
  }
  log.append({ seq: count + 1, t: 0, type: 'ended', durationMs: 1 });
  return most;
}

function readAll(log: CallLog): CallEvent[] {
  const all: CallEvent[] = [];
  let since = 0;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = log.read(since, 300);
    all.push(...page.events);
    since = page.nextSeq;
    if (!page.more) return all;
  }
  throw new Error('read never finished');
}

describe('CallLog whose spill fails', () => {
  const cases: [string, () => string][] = [
    [
      'cannot be opened (its folder is a regular file)',
      () => {
        writeFileSync(join(dir, 'file'), '');
        return join(dir, 'file', 'c.jsonl');
      },
    ],
    [
      'cannot be written (the disk is full: /dev/full)',
      () => {
        symlinkSync('/dev/full', join(dir, 'full.jsonl'));
        return join(dir, 'full.jsonl');
      },
    ],
  ];
  for (const [name, spillPath] of cases)
    it(`drops older events within the window when the spill ${name}, and says so once`, () => {
      const failures: Error[] = [];
      const log = new CallLog({ maxEvents: 100, maxBytes: 1 << 20 }, spillPath(), (e) =>
        failures.push(e),
      );
      let most = 0;
      expect(() => (most = stream(log, 10_000))).not.toThrow();
      expect(most).toBeLessThanOrEqual(100);
      expect(log.inMemory()).toBeLessThanOrEqual(100);
      expect(failures).toHaveLength(1);
      expect(log.spillFailure()).toBe(failures[0]);
      expect(log.last()?.type).toBe('ended');
      expect(log.retained()[0]!.type).toBe('started');
      // Asked from a dropped seq, the answer starts where the log still holds events and moves on.
      const page = log.read(0, 50);
      expect(page.events[0]!.seq).toBe(log.oldestSeq());
      expect(page.events[0]!.seq).toBeGreaterThan(0);
      expect(page.nextSeq).toBe(page.events[0]!.seq + 50);
      const all = readAll(log);
      expect(all.at(-1)!.type).toBe('ended');
      expect(all.findIndex((e, i) => i > 0 && e.seq !== all[i - 1]!.seq + 1)).toBe(-1);
      // An ended call's trim keeps what is left (nothing to read it back from).
      log.trim(10);
      expect(log.inMemory()).toBe(all.length);
      log.dispose();
      expect(existsSync('/dev/full')).toBe(true);
    });
});

describe('a live call whose spill folder is removed', () => {
  const COUNT = 30_000;
  const WINDOW = 2_000;
  let server: grpc.Server;
  let target: string;
  let kit: EngineKit;
  const seen: { ended: CallEvent[]; onEnded: number[] } = { ended: [], onEnded: [] };
  const warnings: string[] = [];
  const onWarning = (w: Error): void => {
    warnings.push(w.message);
  };

  beforeAll(async () => {
    server = benchServer();
    target = `127.0.0.1:${await listen(server)}`;
    kit = startEngineKit({
      callLog: { maxEvents: WINDOW, maxBytes: 16 << 20 },
      observers: [
        () => ({
          onEvent: (event) => {
            if (event.type === 'ended') seen.ended.push(event as CallEvent);
          },
          onEnded: (retained) => {
            seen.onEnded.push(retained.length);
          },
        }),
      ],
    });
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await kit.close();
    server.forceShutdown();
  });

  it(
    'still ends, its status delivered to observers, with the window in memory',
    { timeout: 60_000 },
    async () => {
      // The registry made its spill folder when it started; it is gone before the call spills
      // (works as root too, where a read-only folder would not stop the write).
      const root = join(kit.dataDir, 'call-logs');
      for (const name of readdirSync(root)) rmSync(join(root, name), { recursive: true });
      const { callId, last } = await streamBenchToEnd(kit, target, {
        count: COUNT,
        size: 30,
        timeoutMs: 30_000,
      });
      const status = last.events.find((e) => e.type === 'status');
      expect(status && status.type === 'status' && status.status.code).toBe(0);
      expect(seen.ended).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen.onEnded).toHaveLength(1);
      // What it kept: started and the first headers, then at most the window.
      expect(seen.onEnded[0]).toBeLessThanOrEqual(WINDOW + 2);
      expect(warnings.filter((w) => w.includes(callId) && w.includes('cannot spill'))).toHaveLength(
        1,
      );
      // call.events from seq 0 answers from what is left and moves past what was dropped.
      const page = await kit.call('call.events', { callId, sinceSeq: 0, limit: 100_000 });
      expect(page.events.length).toBeLessThanOrEqual(WINDOW);
      expect(page.events[0]!.seq).toBeGreaterThan(0);
      expect(page.nextSeq).toBe(page.events.at(-1)!.seq + 1);
      expect(page.events.at(-1)!.type).toBe('ended');
      expect(page.done).toBe(true);
      await kit.call('call.release', { callId });
    },
  );
});
