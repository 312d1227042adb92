// A batch is renamed to its name in libuv's pool. The process may exit while that rename is under
// way (flushSync writes what is queued on exit, and the rename's continuation never runs): the
// batch's entries must then be on disk once, not twice (its renamed file and the exit's file) nor
// never. The exit is played here by a rename that never reports back, with flushSync called just
// before or just after the rename itself happened. And a history cleared meanwhile (drop) must not
// come back: the exit then removes the batch's file instead of putting it in place.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../workspace.testkit.js';
import { historyFiles } from './history.testkit.js';
import { HistoryWriter } from './history-writer.js';

const fs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
const original = fs.rename;
const dirs: string[] = [];
afterEach(() => {
  fs.rename = original;
  syncBuiltinESMExports();
  dirs.splice(0).forEach(removeDir);
});

/** The ids in the batch files of `dir`, in file order. */
function idsOnDisk(dir: string): string[] {
  return historyFiles(dir).flatMap((file) =>
    readFileSync(path.join(dir, file), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id),
  );
}

/**
 * A writer with one batch of a and b on its way, whose rename is replaced by `atRename` (given
 * the writer), which never calls back: the process is gone. Then c was appended meanwhile.
 */
async function exitDuringRename(
  atRename: (writer: HistoryWriter, from: string, to: string) => void,
) {
  const dir = tempDir('gwb-history-exit-');
  dirs.push(dir);
  const told: string[][] = [];
  const writer = new HistoryWriter(dir, (_file, ids) => told.push(ids));
  let renamed!: () => void;
  const reached = new Promise<void>((resolve) => (renamed = resolve));
  fs.rename = ((from: string, to: string) => {
    atRename(writer, String(from), String(to));
    renamed();
  }) as unknown as typeof fs.rename;
  syncBuiltinESMExports();
  for (const id of ['a', 'b']) writer.add(id, JSON.stringify({ id }));
  void writer.flush();
  await reached;
  return { dir, told, writer };
}

describe('history: the process exits while a batch is renamed', () => {
  it('before the rename happened: the exit renames it, and writes the rest', async () => {
    const { dir, told } = await exitDuringRename((writer, from, to) => {
      writer.add('c', JSON.stringify({ id: 'c' }));
      writer.flushSync(); // exit
      try {
        renameSync(from, to); // the pool's rename, after the exit's: the temp file is gone
      } catch {
        // as the pool would find it
      }
    });
    expect(idsOnDisk(dir).sort()).toEqual(['a', 'b', 'c']);
    expect(told.flat().sort()).toEqual(['a', 'b', 'c']);
  });

  it('after the rename happened: the exit finds it done, and writes the rest', async () => {
    const { dir, told } = await exitDuringRename((writer, from, to) => {
      renameSync(from, to); // the pool's rename, before the exit
      writer.add('c', JSON.stringify({ id: 'c' }));
      writer.flushSync(); // exit
    });
    expect(idsOnDisk(dir).sort()).toEqual(['a', 'b', 'c']);
    expect(told.flat().sort()).toEqual(['a', 'b', 'c']);
  });

  it('history cleared, then the exit before the rename happened: nothing comes back', async () => {
    const { dir, told } = await exitDuringRename((writer) => {
      writer.drop(); // the user clears history
      writer.flushSync(); // exit; the pool's rename never runs
    });
    expect(idsOnDisk(dir)).toEqual([]);
    expect(told).toEqual([]);
  });

  it('history cleared, then the exit after the rename happened: its file is removed', async () => {
    const { dir, told } = await exitDuringRename((writer, from, to) => {
      renameSync(from, to); // the pool's rename, before the clear
      writer.drop(); // the user clears history
      writer.flushSync(); // exit
    });
    expect(idsOnDisk(dir)).toEqual([]);
    expect(told).toEqual([]);
  });
});
