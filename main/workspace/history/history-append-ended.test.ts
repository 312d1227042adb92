// A call's history entry is appended on the turn after its end (appendEnded), so a run begins its
// next call first: what makes the entry waits too. Nothing that reads the history misses it: a
// listing, a get, a flush or a clear appends what has ended first, with the time of its end, and a
// process that exits right after writes it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore, type HistoryAppend } from './history-store.js';
import { bundleHistoryAppender } from './history-appender.testkit.js';
import { historyEntriesOnDisk } from './history.testkit.js';

let bundleDir: string;
let appender: string;
const dirs: string[] = [];

beforeAll(async () => {
  // Bundled once, so the child starts as a plain node process.
  bundleDir = tempDir('gwb-history-ended-');
  appender = await bundleHistoryAppender(bundleDir);
});

afterAll(() => {
  removeDir(bundleDir);
  dirs.splice(0).forEach(removeDir);
});

function workspaceDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

const EVENTS = [{ seq: 0, t: 0, type: 'ended', durationMs: 1 }] as unknown as CallEvent[];

/** A call ended now; `made` counts how often its entry was made. */
function ended(history: HistoryStore, name: string, made: { count: number }): void {
  history.appendEnded((): HistoryAppend => {
    made.count++;
    return {
      request: sampleRequest({ name }),
      status: { code: 0, message: '' },
      durationMs: 1,
      events: EVENTS,
    };
  });
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a history entry appended on the turn after its call ended', () => {
  it('is made on the next turn, once, with the time of its end', async () => {
    const history = new HistoryStore(workspaceDir());
    const made = { count: 0 };
    const before = Date.now();
    ended(history, 'later', made);
    const after = Date.now();
    expect(made.count).toBe(0);
    await turn();
    expect(made.count).toBe(1);
    const [entry] = history.list().entries;
    expect(entry?.request.name).toBe('later');
    const at = Date.parse(entry?.at ?? '');
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
    expect(made.count).toBe(1);
  });

  it('is listed, got and flushed at once, written in the order the calls ended', async () => {
    const dir = workspaceDir();
    const history = new HistoryStore(dir);
    const made = { count: 0 };
    ended(history, 'first', made);
    ended(history, 'second', made);
    // No turn in between: the listing appends them itself.
    // (Newest first by time; the same millisecond's entries in no particular order.)
    const listed = history.list().entries;
    expect(listed.map((e) => e.request.name).sort()).toEqual(['first', 'second']);
    const first = listed.find((e) => e.request.name === 'first');
    expect(history.get(first?.id as string).request.name).toBe('first');
    ended(history, 'third', made);
    await history.flush();
    expect(historyEntriesOnDisk(path.join(dir, 'history')).map((e) => e.request.name)).toEqual([
      'first',
      'second',
      'third',
    ]);
    expect(made.count).toBe(3);
  });

  it('is on disk when a flush right after its call resolves', async () => {
    const dir = workspaceDir();
    const history = new HistoryStore(dir);
    ended(history, 'flushed', { count: 0 });
    // Nothing else queued: the flush would have nothing to wait for but this entry.
    await history.flush();
    expect(historyEntriesOnDisk(path.join(dir, 'history')).map((e) => e.request.name)).toEqual([
      'flushed',
    ]);
  });

  it('is gone with a clear that comes before its turn', async () => {
    const dir = workspaceDir();
    const history = new HistoryStore(dir);
    ended(history, 'cleared', { count: 0 });
    history.clear();
    await turn();
    await history.flush();
    expect(history.list().entries).toEqual([]);
    expect(historyEntriesOnDisk(path.join(dir, 'history'))).toEqual([]);
  });

  it('is written by a process that exits right after the call ended', () => {
    const dir = workspaceDir();
    const run = spawnSync(process.execPath, [appender, 'exit-ended', dir, '50'], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(historyEntriesOnDisk(path.join(dir, 'history'))).toHaveLength(50);
  });
});
