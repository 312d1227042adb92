// The code cache is written to `<cache>.<pid>.tmp` and renamed over the cache. A write cut short
// (kill -9, power off) between the two leaves the temporary file, which nothing reads: the next
// write sweeps those older than a minute. A file already at this process's temporary name is not
// this process's (a leftover, or another PID namespace's writer sharing the folder): it is left
// alone, not removed when the write to it fails (review 28 NIT-3).
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCache, writeCache } from './launch.js';

const root = mkdtempSync(path.join(tmpdir(), 'gwb-cache-temporary-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const KEY = 'gwb-test-key';
const data = Buffer.alloc(4096, 7);

/** A folder of this test's own, with a cache place in it (the bundle's folder: not checked). */
function placeIn(name: string): { path: string; mustBeOurs: boolean } {
  const dir = mkdtempSync(path.join(root, `${name}-`));
  return { path: path.join(dir, 'cli.cjs.invoke.v8cache'), mustBeOurs: false };
}

function planted(file: string, ageMs: number): string {
  writeFileSync(file, 'half a cache');
  const at = new Date(Date.now() - ageMs);
  utimesSync(file, at, at);
  return file;
}

describe("the code cache's temporary files", () => {
  it('removes those of writes cut short over a minute ago, and only those', () => {
    const place = placeIn('sweep');
    const dir = path.dirname(place.path);
    const cutShort = planted(path.join(dir, 'cli.cjs.v8cache.4242.tmp'), 3_600_000);
    const otherCommand = planted(path.join(dir, 'deps.cjs.list.v8cache.77.tmp'), 120_000);
    const beingWritten = planted(path.join(dir, 'cli.cjs.list.v8cache.4243.tmp'), 0);
    const notACache = planted(path.join(dir, 'notes.4244.tmp'), 3_600_000);

    writeCache([place], KEY, data, 1);

    expect(readCache(place, KEY)?.data.equals(data)).toBe(true);
    expect([cutShort, otherCommand].filter(existsSync)).toEqual([]);
    expect([beingWritten, notACache].filter(existsSync)).toEqual([beingWritten, notACache]);
  });

  it("leaves a file at this process's temporary name alone, and writes no cache there", () => {
    const place = placeIn('clash');
    const others = planted(`${place.path}.${process.pid}.tmp`, 0);

    writeCache([place], KEY, data, 1);

    expect(readFileSync(others, 'utf8')).toBe('half a cache');
    expect(existsSync(place.path)).toBe(false);
  });
});
