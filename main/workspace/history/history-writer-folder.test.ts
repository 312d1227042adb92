// The batch writer's file work off the event loop: the history folder is made once, not for every
// batch (and again when it was removed), and a batch is closed and renamed in libuv's pool, so a
// history cleared while its rename is under way must still leave nothing behind.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore } from './history-store.js';
import { historyEntriesOnDisk } from './history.testkit.js';

const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
const dirs: string[] = [];
const restores: (() => void)[] = [];
afterEach(() => {
  restores.splice(0).forEach((restore) => restore());
  dirs.splice(0).forEach(removeDir);
});

/** Replaces a function of node:fs for this test (ESM importers see it too). */
function patchFs<K extends 'mkdirSync' | 'rename'>(
  name: K,
  wrap: (original: (typeof fs)[K]) => (typeof fs)[K],
): void {
  const original = fs[name];
  fs[name] = wrap(original);
  syncBuiltinESMExports();
  restores.push(() => {
    fs[name] = original;
    syncBuiltinESMExports();
  });
}

function store(): { dir: string; history: HistoryStore; historyDir: string } {
  const dir = tempDir();
  dirs.push(dir);
  return { dir, history: new HistoryStore(dir), historyDir: path.join(dir, 'history') };
}

function append(history: HistoryStore, name: string): void {
  history.append({
    request: sampleRequest({ name }),
    status: { code: 0, message: '' },
    durationMs: 1,
    events: [],
  });
}

describe('history writer and its folder', () => {
  it('makes the folder once, not for every batch', async () => {
    const { history, historyDir } = store();
    let mkdirs = 0;
    patchFs(
      'mkdirSync',
      (original) =>
        ((target: string, ...rest: unknown[]) => {
          if (path.resolve(String(target)) === historyDir) mkdirs++;
          return (original as (...a: unknown[]) => unknown)(target, ...rest);
        }) as typeof fs.mkdirSync,
    );
    for (let i = 0; i < 5; i++) {
      append(history, `call ${i}`);
      await history.flush(); // a batch each
    }
    expect(historyEntriesOnDisk(historyDir)).toHaveLength(5);
    expect(mkdirs).toBe(1);
  });

  it('makes the folder again when it was removed', async () => {
    const { history, historyDir } = store();
    append(history, 'before');
    await history.flush();
    rmSync(historyDir, { recursive: true });
    append(history, 'after');
    await history.flush();
    expect(historyEntriesOnDisk(historyDir).map((e) => e.request.name)).toEqual(['after']);
  });

  it('a history cleared while a batch is being renamed keeps nothing of it', async () => {
    const { history, historyDir } = store();
    let cleared = false;
    patchFs(
      'rename',
      (original) =>
        ((from: string, to: string, done: () => void) => {
          if (!cleared && path.dirname(String(to)) === historyDir) {
            cleared = true;
            history.clear();
          }
          return (original as (...a: unknown[]) => void)(from, to, done);
        }) as typeof fs.rename,
    );
    append(history, 'cleared');
    await history.flush();
    expect(cleared).toBe(true);
    expect(readdirSync(historyDir)).toEqual([]);
    expect(history.list().entries).toEqual([]);
  });
});
