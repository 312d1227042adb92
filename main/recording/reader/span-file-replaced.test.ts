// A recording's span knows which file it was found in (review30-a S-4): a file replaced since
// (renamed over, here by a longer one, so no read comes up short) holds other bytes at
// the span, and every reader that opens it says so instead of reading or copying them unchecked.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { writeSyntheticChat } from '../testdata/synthetic.js';
import { recordingSpan } from './index.js';
import { whatReadersSay } from './span-readers.testkit.js';

const tmp = tempDir();
const CHANGED = 'the file changed as it was read: another file was put in its place';
/** Recordings of 1 to 4 message pairs, each a file of its own. */
const singles: string[] = [];

beforeAll(async () => {
  for (const n of [1, 2, 3, 4]) {
    const file = tmp.file(`single-${n}.ndjson`);
    await writeSyntheticChat(file, n);
    singles.push(file);
  }
});
afterAll(() => tmp.remove());

const bytesOf = (...files: string[]): Buffer => Buffer.concat(files.map((f) => readFileSync(f)));

/** Puts a new file with `bytes` in `file`'s place, as `mv` does (another inode). */
function replace(file: string, bytes: Buffer): void {
  const next = `${file}.next`;
  writeFileSync(next, bytes);
  renameSync(next, file);
}

describe('a span whose file was replaced since it was found', () => {
  it('of a file of several, by a longer one: every reader refuses it', async () => {
    const pack = tmp.file('calls.recordings');
    const [one, two, three, four] = singles as [string, string, string, string];
    writeFileSync(pack, bytesOf(one, two, three));
    const span = recordingSpan(`${pack}#2`);
    expect(await whatReadersSay(span, (name) => tmp.file(`before-${name}`))).toEqual([
      'read',
      'read',
      'read',
      'read',
      'read',
    ]);
    replace(pack, bytesOf(four, four, four));
    for (const said of await whatReadersSay(span, (name) => tmp.file(`packed-${name}`)))
      expect(said).toContain(`${pack}#2: ${CHANGED}`);
  });

  it('a whole file: every reader refuses it', async () => {
    const file = tmp.file('whole.ndjson');
    writeFileSync(file, readFileSync(singles[0] as string));
    const span = recordingSpan(file);
    replace(file, readFileSync(singles[3] as string));
    for (const said of await whatReadersSay(span, (name) => tmp.file(`whole-${name}`)))
      expect(said).toContain(`${file}: ${CHANGED}`);
  });
});
