import { describe, it, expect, afterEach } from 'vitest';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
import { watchWorkspace } from './watch.js';
import { removeDir, tempDir } from './workspace.testkit.js';

// The fs module object Node's own recursive watcher calls into (it looks readdirSync up on it at
// each call), so counting here counts its folder listings too.
const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function changesUntil(
  dir: string,
  want: (c: WorkspaceChange) => boolean,
): { seen: Promise<void>; stop: () => void } {
  let resolve = (): void => {};
  const seen = new Promise<void>((r) => (resolve = r));
  const stop = watchWorkspace(
    dir,
    (changes) => {
      if (changes.some(want)) resolve();
    },
    { debounceMs: 20 },
  );
  return { seen, stop };
}

describe('the workspace watcher and history', () => {
  it('hears entries added to a large history without listing the folder on every event', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const history = path.join(dir, 'history');
    mkdirSync(history);
    for (let i = 0; i < 300; i++) writeFileSync(path.join(history, `2026-a-${i}.json`), '{}');
    const { seen, stop } = changesUntil(dir, (c) => c.kind === 'history.changed');
    cleanups.push(stop);
    let listings = 0;
    const original = fs.readdirSync;
    fs.readdirSync = ((p: unknown, ...rest: unknown[]) => {
      if (path.resolve(String(p)) === history) listings++;
      return (original as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readdirSync;
    cleanups.push(() => (fs.readdirSync = original));
    for (let i = 0; i < 30; i++) writeFileSync(path.join(history, `2026-b-${i}.json`), '{}');
    await seen;
    // A recursive watch of the root lists history/ again on each of these 30+ events.
    expect(listings).toBe(0);
  });

  it('hears a history folder that appears after the watch started, and files in folders made later', async () => {
    const dir = tempDir();
    cleanups.push(() => removeDir(dir));
    const history = changesUntil(dir, (c) => c.kind === 'history.changed');
    cleanups.push(history.stop);
    mkdirSync(path.join(dir, 'history'));
    writeFileSync(path.join(dir, 'history', '2026-x.json'), '{}');
    await history.seen;

    const env = changesUntil(dir, (c) => c.kind === 'environment.changed' && c.name === 'dev');
    cleanups.push(env.stop);
    mkdirSync(path.join(dir, 'environments'));
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(path.join(dir, 'environments', 'dev.json'), '{}');
    await env.seen;
  });
});
