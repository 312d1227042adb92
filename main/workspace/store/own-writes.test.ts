import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { removeDir, tempDir } from '../workspace.testkit.js';
import { writeFileAtomic } from './atomic-write.js';
import { makeDir, removeFile, renamePath } from './fs-ops.js';
import { isOwnChange } from './own-writes.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

function fresh(): string {
  const dir = tempDir('gwb-own-');
  dirs.push(dir);
  return dir;
}

/** Waits past the file system's timestamp granularity, so a later write has a later mtime. */
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('own writes', () => {
  it('a file this process wrote is its own until anyone else writes it, even with the same bytes', async () => {
    const file = path.join(fresh(), 'a', 'r.grpc.json');
    writeFileAtomic(file, 'one\n');
    expect(isOwnChange(file)).toBe(true);
    expect(isOwnChange(path.dirname(file))).toBe(true);
    await tick();
    writeFileSync(file, 'one\n');
    expect(isOwnChange(file)).toBe(false);
    writeFileAtomic(file, 'two\n');
    expect(isOwnChange(file)).toBe(true);
    removeFile(file);
    expect(isOwnChange(file)).toBe(true);
    // Never written by us: an outside file, present or gone.
    expect(isOwnChange(path.join(path.dirname(file), 'other'))).toBe(false);
  });

  it('a folder moved by this process brings its content; what changes in it afterwards is not ours', async () => {
    const dir = fresh();
    const from = path.join(dir, 'from');
    mkdirSync(path.join(from, 'sub'), { recursive: true });
    writeFileSync(path.join(from, 'sub', 'x.json'), 'x');
    writeFileSync(path.join(from, 'y.json'), 'y');
    await tick();
    const to = path.join(dir, 'to');
    renamePath(from, to);
    expect(isOwnChange(from)).toBe(true);
    expect(isOwnChange(path.join(from, 'sub', 'x.json'))).toBe(true);
    expect(isOwnChange(to)).toBe(true);
    expect(isOwnChange(path.join(to, 'sub', 'x.json'))).toBe(true);
    await tick();
    writeFileSync(path.join(to, 'y.json'), 'changed outside');
    writeFileSync(path.join(to, 'new.json'), 'added outside');
    expect(isOwnChange(path.join(to, 'y.json'))).toBe(false);
    expect(isOwnChange(path.join(to, 'new.json'))).toBe(false);
    expect(isOwnChange(path.join(to, 'sub', 'x.json'))).toBe(true);
    // A folder we made stays ours even as files are added to it.
    makeDir(path.join(dir, 'made', 'deep'));
    writeFileAtomic(path.join(dir, 'made', 'deep', 'f'), 'f');
    expect(isOwnChange(path.join(dir, 'made'))).toBe(true);
  });
});
