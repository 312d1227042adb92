// The read cache gives back a kept text only while the file is unchanged on disk.
import { mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settledClock, untilChangeTimeAfter } from '../../platform/racy-clock.testkit.js';
import { fileProbe, readText } from './json-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-read-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const aMinuteAgo = new Date(Date.now() - 60_000);

/**
 * A file written and dated a minute back. Its change time is now: racy until the test's clock is
 * moved on (settledClock), as any file is for 2 s after it was changed.
 */
function written(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  utimesSync(file, aMinuteAgo, aMinuteAgo);
  return file;
}

function opensOf(file: string, read: () => void): number {
  let opens = 0;
  fileProbe.onRead = (f) => {
    if (f === file) opens++;
  };
  try {
    read();
  } finally {
    delete fileProbe.onRead;
  }
  return opens;
}

describe('read cache', () => {
  it('opens an unchanged request file once', () => {
    const file = written('a.grpc.json', '{"a":1}');
    const restore = settledClock();
    try {
      expect(opensOf(file, () => [1, 2, 3].forEach(() => readText(file)))).toBe(1);
      expect(readText(file)).toBe('{"a":1}');
    } finally {
      restore();
    }
  });

  it('sees a kept file rewritten in place with the same size and its old modification time', () => {
    // rsync -t, cp -p, tar: same inode, same size, the modification time put back: only the
    // change time (in the key) tells the kept text is stale.
    const file = written('b.grpc.json', '{"b":1}');
    const restore = settledClock();
    try {
      expect(opensOf(file, () => [1, 2].forEach(() => readText(file)))).toBe(1); // kept
      const kept = statSync(file, { bigint: true });
      untilChangeTimeAfter(kept.ctimeNs, dir);
      writeFileSync(file, '{"b":2}');
      utimesSync(file, aMinuteAgo, aMinuteAgo);
      const now = statSync(file, { bigint: true });
      expect([now.ino, now.size, now.mtimeNs]).toEqual([kept.ino, kept.size, kept.mtimeNs]);
      expect(now.ctimeNs).not.toBe(kept.ctimeNs);
      expect(readText(file)).toBe('{"b":2}');
    } finally {
      restore();
    }
  });

  it('reads every time a file whose modification time is old but which changed just now', () => {
    // rsync -t, cp -p, tar: the old modification time put back; only the change time is new.
    const file = written('f.grpc.json', '{"f":1}');
    expect(opensOf(file, () => [1, 2].forEach(() => readText(file)))).toBe(2);
  });

  it('sees a file replaced by a rename (how the workspace writes)', () => {
    const file = written('c.grpc.json', '{"c":1}');
    expect(readText(file)).toBe('{"c":1}');
    const temp = written('c.tmp', '{"c":2}');
    renameSync(temp, file);
    expect(readText(file)).toBe('{"c":2}');
  });

  it('reads a file written just now every time: it may change again in the same tick', () => {
    const file = path.join(dir, 'd.grpc.json');
    writeFileSync(file, '{"d":1}');
    expect(opensOf(file, () => [1, 2].forEach(() => readText(file)))).toBe(2);
  });

  it('keeps nothing but saved requests', () => {
    const file = written('history.json', '{"h":1}');
    expect(opensOf(file, () => [1, 2].forEach(() => readText(file)))).toBe(2);
  });

  it('says a file that is gone is gone, though it was kept', () => {
    const file = written('e.grpc.json', '{"e":1}');
    readText(file);
    rmSync(file);
    expect(() => readText(file)).toThrow(/no such file/);
  });
});
