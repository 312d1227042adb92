import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import type { CallEvent } from '../../../shared/calls/events.js';
import { TEMP_PREFIX } from '../store/atomic-write.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore } from './history-store.js';
import { bundleHistoryAppender } from './history-appender.testkit.js';
import { historyEntriesOnDisk, historyFiles } from './history.testkit.js';

let bundleDir: string;
let appender: string;
const dirs: string[] = [];

beforeAll(async () => {
  // Bundled once, so the child starts as a plain node process.
  bundleDir = tempDir('gwb-history-appender-');
  appender = await bundleHistoryAppender(bundleDir);
});

afterAll(() => {
  removeDir(bundleDir);
  for (const d of dirs) removeDir(d);
});

function workspaceDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

/** Entries on disk, each validated (temp files left by a kill are swept on open, never read). */
const entriesOnDisk = (dir: string) => historyEntriesOnDisk(path.join(dir, 'history'));
const filesOnDisk = (dir: string) => historyFiles(path.join(dir, 'history'));

const EVENTS = [{ seq: 0, t: 0, type: 'received', message: { ok: true }, size: 9 }] as CallEvent[];

function append(history: HistoryStore, i: number, at?: Date): void {
  history.append({
    request: sampleRequest({ name: `call ${i}` }),
    status: { code: 0, message: '' },
    durationMs: 1,
    events: EVENTS,
    ...(at ? { at } : {}),
  });
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('history written in batches', () => {
  it('writes the entries of a 500-call run in a few batches, all of them, readable after', async () => {
    const dir = workspaceDir();
    let batches = 0;
    const history = new HistoryStore(dir, { maxEntries: 1000 }, () => batches++);
    for (let i = 0; i < 500; i++) {
      append(history, i);
      // A runner's calls end on separate turns of the event loop.
      if (i % 25 === 24) await turn();
    }
    // An append only queues: the call path pays no write, no fsync, no prune.
    expect(history.list().entries).toHaveLength(500);
    await history.flush();
    expect(entriesOnDisk(dir)).toHaveLength(500);
    // One file (one create, one fdatasync) per batch, not per call.
    expect(filesOnDisk(dir).length).toBe(batches);
    // Listeners (the UI's history panel) are told once per batch, not once per call.
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThan(100);
    const reopened = new HistoryStore(dir, { maxEntries: 1000 }).list();
    expect(reopened.errors).toEqual([]);
    expect(new Set(reopened.entries.map((e) => e.request.name)).size).toBe(500);
  });

  it('prunes to the limit once per batch, oldest first', async () => {
    const dir = workspaceDir();
    const history = new HistoryStore(dir, { maxEntries: 20 });
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 200; i++) {
      append(history, i, new Date(base + i * 1000));
      if (i % 30 === 29) {
        await turn();
        // Whole batches go: at most the limit, the batch that took it over, and the queue.
        expect(entriesOnDisk(dir).length).toBeLessThanOrEqual(20 + 30 + 30);
      }
    }
    expect(history.list().entries).toHaveLength(20);
    await history.flush();
    // The newest batch and, of the ones before, only those holding some of the newest 20.
    const kept = entriesOnDisk(dir).map((e) => e.request.name);
    expect(kept.length).toBeGreaterThanOrEqual(20);
    expect(kept.length).toBeLessThan(20 + 30);
    expect(kept.slice(-20)).toEqual(Array.from({ length: 20 }, (_, i) => `call ${180 + i}`));
    expect(history.list().entries.map((e) => e.request.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `call ${199 - i}`),
    );
  });

  it('lists the folder to prune once every few batches, not once per batch', async () => {
    const dir = workspaceDir();
    const history = new HistoryStore(dir, { maxEntries: 50 });
    const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
    const original = fs.readdirSync;
    let listings = 0;
    fs.readdirSync = ((p: unknown, ...rest: unknown[]) => {
      if (path.resolve(String(p)) === path.join(dir, 'history')) listings++;
      return (original as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readdirSync;
    syncBuiltinESMExports();
    try {
      for (let i = 0; i < 160; i++) {
        append(history, i);
        await history.flush(); // a batch each
      }
    } finally {
      fs.readdirSync = original;
      syncBuiltinESMExports();
    }
    expect(entriesOnDisk(dir)).toHaveLength(50);
    expect(listings).toBeGreaterThan(0);
    expect(listings).toBeLessThanOrEqual(160 / 16 + 1);
  });

  it('clearing drops queued entries too, and the batch in flight leaves nothing behind', async () => {
    const dir = workspaceDir();
    const history = new HistoryStore(dir);
    for (let i = 0; i < 10; i++) append(history, i);
    await history.flush();
    for (let i = 10; i < 20; i++) append(history, i);
    const inFlight = history.flush(); // the second batch is being written
    history.clear();
    await inFlight;
    await history.flush();
    expect(history.list().entries).toEqual([]);
    expect(readdirSync(path.join(dir, 'history'))).toEqual([]);
  });

  it('a process that exits normally right after appending has written every entry', () => {
    const dir = workspaceDir();
    const run = spawnSync(process.execPath, [appender, 'exit', dir, '50'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(entriesOnDisk(dir)).toHaveLength(50);
  });

  it('a process SIGKILLed mid-run leaves only whole entries and loses at most the batch in flight', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = workspaceDir();
      const reported = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [appender, 'loop', dir], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let last = 0;
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdout.on('data', (d: Buffer) => {
          for (const m of d.toString().matchAll(/written (\d+)/g)) last = Number(m[1]);
          if (last >= 60 + round * 30) child.kill('SIGKILL');
        });
        child.on('exit', (code, signal) => {
          if (signal === 'SIGKILL') resolve(last);
          else reject(new Error(`appender exited ${code}: ${stderr}`));
        });
      });
      const files = filesOnDisk(dir);
      // Everything reported as written is there, every entry whole (parsed and validated line by
      // line): only what was queued or in flight is lost.
      expect(entriesOnDisk(dir).length).toBeGreaterThanOrEqual(reported);
      // Temp files of the batch in flight are hidden and swept on the next open.
      const all = readdirSync(path.join(dir, 'history'));
      expect(all.filter((f) => !files.includes(f)).every((f) => f.startsWith(TEMP_PREFIX))).toBe(
        true,
      );
      expect(new HistoryStore(dir, { maxEntries: 100_000 }).list().errors).toEqual([]);
    }
  });
});
