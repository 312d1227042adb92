// PackedHere: recordings that close whole are appended to the file of several on the caller's
// thread, in order and numbered so; one that cannot be gives the file up (the next starts a new
// one, with the recording thread's words); any other recording goes to the files it was given.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { PackedHere } from './packed-here.js';
import { openPaths } from './packed-here.testkit.js';
import { RecordingPack } from './recording-pack.js';
import type { RecordingFiles, ThreadFile } from './recording-thread.js';

const cleanup: (() => unknown)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0).reverse()) step();
});

/** Files that only say which paths were opened through them. */
function otherFiles(): RecordingFiles & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    open: (file) => {
      opened.push(file);
      return {
        append: () => undefined,
        drained: () => Promise.resolve(),
        failure: undefined,
        unwritten: false,
        close: () => Promise.resolve(),
        handOver: () => Promise.resolve(-1),
        closeWith: () => Promise.resolve(file),
      } satisfies ThreadFile;
    },
  };
}

function setUp(packDir?: string) {
  const tmp = tempDir();
  cleanup.push(() => tmp.remove());
  const others = otherFiles();
  const files = new PackedHere(() => others);
  cleanup.push(() => files.idle());
  let n = 0;
  const pack = new RecordingPack(() => path.join(packDir ?? tmp.dir, `p${++n}.recordings`));
  return { tmp, others, files, pack };
}

it('whole recordings go into one file in order, numbered; none of them opens a file of its own', async () => {
  const { tmp, others, files, pack } = setUp();
  const placed: string[] = [];
  for (const text of ['one\n', 'two\n', 'three\n'])
    placed.push(await files.open(tmp.file(`${text}.ndjson`)).closeWith(Buffer.from(text), pack));
  const file = path.join(tmp.dir, 'p1.recordings');
  expect(placed).toEqual([`${file}#1`, `${file}#2`, `${file}#3`]);
  expect(readFileSync(file, 'utf8')).toBe('one\ntwo\nthree\n');
  expect(others.opened).toEqual([]);
});

it('a recording written before it closes, or closed without a pack, goes to the other files', async () => {
  const { tmp, others, files, pack } = setUp();
  const long = files.open(tmp.file('long.ndjson'));
  expect(long.unwritten).toBe(true);
  long.append(Buffer.from('header\n'));
  expect(await long.closeWith(Buffer.from('end\n'), pack)).toBe(tmp.file('long.ndjson'));
  expect(await files.open(tmp.file('own.ndjson')).closeWith(Buffer.from('x\n'), undefined)).toBe(
    tmp.file('own.ndjson'),
  );
  expect(others.opened).toEqual([tmp.file('long.ndjson'), tmp.file('own.ndjson')]);
});

it('a file of several that cannot be made fails its recording; the next starts a new file', async () => {
  const { tmp, files } = setUp();
  const gone = path.join(tmp.dir, 'gone');
  let n = 0;
  const inGone = new RecordingPack(() => path.join(gone, `p${++n}.recordings`));
  await expect(
    files.open(tmp.file('a.ndjson')).closeWith(Buffer.from('a\n'), inGone),
  ).rejects.toThrow(`cannot create recording file ${path.join(gone, 'p1.recordings')}: ENOENT`);
  mkdirSync(gone);
  expect(await files.open(tmp.file('b.ndjson')).closeWith(Buffer.from('b\n'), inGone)).toBe(
    `${path.join(gone, 'p2.recordings')}#1`,
  );
  expect(readFileSync(path.join(gone, 'p2.recordings'), 'utf8')).toBe('b\n');
  // The file kept open is closed when the thread goes idle; the next recording opens it again.
  files.idle();
  rmSync(path.join(gone, 'p2.recordings'));
  expect(await files.open(tmp.file('c.ndjson')).closeWith(Buffer.from('c\n'), inGone)).toBe(
    `${path.join(gone, 'p2.recordings')}#2`,
  );
  expect(readFileSync(path.join(gone, 'p2.recordings'), 'utf8')).toBe('c\n');
});

it('a recording closed into the file of several takes no more bytes: none go to a file of its own', async () => {
  const { tmp, others, files, pack } = setUp();
  const packed = files.open(tmp.file('a.ndjson'));
  expect(await packed.closeWith(Buffer.from('a\n'), pack)).toBe(`${tmp.file('p1.recordings')}#1`);
  packed.append(Buffer.from('late\n'));
  expect(others.opened).toEqual([]);
  expect(readFileSync(tmp.file('p1.recordings'), 'utf8')).toBe('a\n');
});

it('a file of several that a write failed on is not kept open', async () => {
  const { tmp, files } = setUp();
  // Opens, but every write to it fails (ENOSPC).
  const full = new RecordingPack(() => '/dev/full');
  await expect(
    files.open(tmp.file('a.ndjson')).closeWith(Buffer.from('a\n'), full),
  ).rejects.toThrow('cannot write recording file /dev/full: ENOSPC');
  expect(openPaths((p) => p === '/dev/full')).toEqual([]);
});
