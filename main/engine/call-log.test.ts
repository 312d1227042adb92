// The bounded call log: at most a window in memory whatever the stream's length, and every event
// still readable by seq, from the spill file for those that left the window.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { CallLog, newSpillDir } from './call-log.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-call-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function started(): CallEvent {
  return {
    seq: 0,
    t: 0,
    type: 'started',
    at: 1,
    method: '/a.B/C',
    kind: 'server_stream',
    target: 'x:1',
    metadata: [],
  };
}

// Multi-byte text, so that reading back crosses chunk boundaries inside characters.
function received(seq: number): CallEvent {
  return {
    seq,
    t: seq,
    type: 'received',
    message: { n: seq, text: `é🙂 line ${seq}` },
    size: 20,
  } as CallEvent;
}

/** seq 0 started, 1 headers, then messages, then status and ended. */
function fill(log: CallLog, messages: number, onEach?: () => void): number {
  log.append(started());
  log.append({ seq: 1, t: 1, type: 'headers', metadata: [{ key: 'k', value: 'v' }] } as CallEvent);
  let seq = 2;
  for (let i = 0; i < messages; i++) {
    log.append(received(seq++));
    onEach?.();
  }
  log.append({
    seq: seq++,
    t: 0,
    type: 'status',
    status: { code: 0, codeName: 'OK', message: '', details: [], trailers: [] },
  } as unknown as CallEvent);
  log.append({ seq: seq++, t: 0, type: 'ended', durationMs: 1 });
  return seq;
}

function readAll(log: CallLog, pageSize: number): CallEvent[] {
  const all: CallEvent[] = [];
  let since = 0;
  for (;;) {
    const page = log.read(since, pageSize);
    all.push(...page.events);
    since = page.nextSeq;
    if (!page.more) return all;
  }
}

describe('CallLog', () => {
  it('keeps at most the window in memory over 300k events and reads all back by seq', () => {
    const log = new CallLog({ maxEvents: 5_000, maxBytes: 64 << 20 }, join(dir, 'c.jsonl'));
    let most = 0;
    const total = fill(log, 300_000, () => (most = Math.max(most, log.inMemory())));
    expect(most).toBeLessThanOrEqual(5_000);
    expect(log.inMemory()).toBeLessThanOrEqual(5_000);
    const all = readAll(log, 7_777);
    expect(all.length).toBe(total);
    expect(all.findIndex((e, i) => e.seq !== i)).toBe(-1);
    expect(all[0]!.type).toBe('started');
    expect(all[1]!.type).toBe('headers');
    expect(all[123_456]).toEqual(received(123_456));
    expect(all.at(-1)!.type).toBe('ended');
    // Any page, including one across the spill/memory boundary, starts where asked.
    const page = log.read(total - 5_500, 1_000);
    expect(page.events.map((e) => e.seq)).toEqual(
      Array.from({ length: 1_000 }, (_, i) => total - 5_500 + i),
    );
    expect(statSync(join(dir, 'c.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('bounds the window by bytes as well as by count', () => {
    const log = new CallLog({ maxEvents: 1_000_000, maxBytes: 1 << 20 }, join(dir, 'c.jsonl'));
    fill(log, 10_000);
    // ~260 estimated bytes an event: a 1 MB window holds ~4k of them.
    expect(log.inMemory()).toBeLessThan(5_000);
    expect(readAll(log, 100_000).length).toBe(10_004);
  });

  it('keeps started and the first headers in what it retains, and the end', () => {
    const log = new CallLog({ maxEvents: 100, maxBytes: 1 << 20 });
    fill(log, 1_000);
    const kept = log.retained();
    expect(kept.slice(0, 2).map((e) => e.type)).toEqual(['started', 'headers']);
    expect(kept.at(-1)!.type).toBe('ended');
    expect(kept.length).toBeLessThanOrEqual(102);
  });

  it('without a spill file, drops what leaves the window and says where reading starts', () => {
    const log = new CallLog({ maxEvents: 100, maxBytes: 1 << 20 });
    const total = fill(log, 1_000);
    const page = log.read(0, 100_000);
    expect(page.events[0]!.seq).toBe(log.oldestSeq());
    expect(page.events.at(-1)!.seq).toBe(total - 1);
    expect(page.events.length).toBeLessThanOrEqual(100);
  });

  it('trims an ended call to its last events, the rest still readable', () => {
    const log = new CallLog({ maxEvents: 5_000, maxBytes: 64 << 20 }, join(dir, 'c.jsonl'));
    const total = fill(log, 20_000);
    log.trim(100);
    expect(log.inMemory()).toBe(100);
    expect(readAll(log, 100_000).map((e) => e.seq)).toEqual(
      Array.from({ length: total }, (_, i) => i),
    );
    const bare = new CallLog({ maxEvents: 5_000, maxBytes: 64 << 20 });
    fill(bare, 1_000);
    bare.trim(100);
    expect(bare.inMemory()).toBe(1_004);
  });

  it('removes its spill file when disposed', () => {
    const file = join(dir, 'c.jsonl');
    const log = new CallLog({ maxEvents: 100, maxBytes: 1 << 20 }, file);
    fill(log, 1_000);
    expect(existsSync(file)).toBe(true);
    log.dispose();
    expect(existsSync(file)).toBe(false);
  });
});

describe('newSpillDir', () => {
  it('removes folders of engines that are gone and keeps live ones', () => {
    const root = join(dir, 'call-logs');
    mkdirSync(join(root, '999999999-dead'), { recursive: true });
    mkdirSync(join(root, `${process.pid}-mine`), { recursive: true });
    const fresh = newSpillDir(dir);
    expect(fresh.startsWith(join(root, `${process.pid}-`))).toBe(true);
    expect(readdirSync(root)).toEqual([`${process.pid}-mine`]);
  });
});
