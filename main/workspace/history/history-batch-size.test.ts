// A batch file holds at most so many characters of entries: joined into one string, a batch of a
// few huge stream entries could pass V8's string limit and not be written at all. Entries over
// the bound go to the next file, in order, by the batch writer and by the exit-time flush alike.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../workspace.testkit.js';
import { HistoryWriter } from './history-writer.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** A writer bounded to 1,000 characters a batch, and the files it reports, in order. */
function boundedWriter() {
  const dir = tempDir('gwb-history-size-');
  dirs.push(dir);
  const files: { file: string; ids: string[] }[] = [];
  const writer = new HistoryWriter(dir, (file, ids) => files.push({ file, ids }), 1000);
  const line = (id: string) => JSON.stringify({ id, pad: 'x'.repeat(580) });
  for (const id of ['a', 'b', 'c']) writer.add(id, line(id));
  const linesOf = (file: string) =>
    readFileSync(path.join(dir, file), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).id);
  return { writer, files, linesOf };
}

describe('history batch size', () => {
  it('writes entries over the bound to the next batch file, in order', async () => {
    const { writer, files, linesOf } = boundedWriter();
    await writer.flush();
    expect(files.map((f) => f.ids)).toEqual([['a'], ['b'], ['c']]);
    expect(files.map((f) => linesOf(f.file))).toEqual([['a'], ['b'], ['c']]);
  });

  it('the exit-time flush splits by the same bound', () => {
    const { writer, files, linesOf } = boundedWriter();
    writer.flushSync();
    expect(files.map((f) => linesOf(f.file))).toEqual([['a'], ['b'], ['c']]);
  });
});
