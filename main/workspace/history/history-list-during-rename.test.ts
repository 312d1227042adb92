// A batch is renamed into place in libuv's pool, and its answer comes on a later turn: the file is
// on disk while its entries are still queued. A listing in between (the UI's history panel asks
// whenever it likes) must show each entry once — not from the file and again from the queue.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { renameSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore } from './history-store.js';

const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
const original = fs.rename;
const dirs: string[] = [];
afterEach(() => {
  fs.rename = original;
  syncBuiltinESMExports();
  dirs.splice(0).forEach(removeDir);
});

describe('history listed while a batch is renamed', () => {
  it('shows each entry once while the renamed file waits for its answer, and after', async () => {
    const dir = tempDir('gwb-history-list-rename-');
    dirs.push(dir);
    let answer!: () => void;
    const renamed = new Promise<void>((resolve) => {
      // The pool's rename done, its answer held back: the window a listing can fall in.
      fs.rename = ((from: string, to: string, done: (error: Error | null) => void) => {
        renameSync(from, to);
        answer = () => done(null);
        resolve();
      }) as unknown as typeof fs.rename;
    });
    syncBuiltinESMExports();
    const history = new HistoryStore(dir, { maxEntries: 100 });
    for (let i = 0; i < 3; i++) {
      history.append({
        request: sampleRequest({ name: `call ${i}` }),
        status: { code: 0, message: '' },
        durationMs: 1,
        events: [],
      });
    }
    const flushed = history.flush();
    await renamed;
    // Appended in one millisecond: their order among themselves is the ids' random part's.
    const names = () =>
      history
        .list()
        .entries.map((e) => e.request.name)
        .sort();
    expect(names()).toEqual(['call 0', 'call 1', 'call 2']);
    answer();
    await flushed;
    expect(names()).toEqual(['call 0', 'call 1', 'call 2']);
  });
});
