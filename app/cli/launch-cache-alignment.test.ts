import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_ALIGNMENT, readCache, writeCache } from './launch.js';

// V8 uses cached data in place only when it is pointer-aligned; otherwise it copies the whole
// cache first (megabytes for a call, hundreds of page faults). The launcher hands V8 the bytes
// after the header line of a buffer holding the whole file, so the header is padded to put the
// data at a multiple of DATA_ALIGNMENT, whatever the lengths of the key and the names in it.
const dir = mkdtempSync(path.join(tmpdir(), 'gwb-cache-align-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the code cache file', () => {
  // Keys of eight successive lengths: unpadded, at most one of them would land aligned.
  const keys = Array.from({ length: DATA_ALIGNMENT }, (_, i) => `gwb-test-key ${'k'.repeat(i)}`);
  // Large, as real caches are: readFileSync gives a file this size a buffer of its own.
  const data = Buffer.alloc(256 * 1024, 7);

  it.each(keys)('puts the V8 data at an aligned offset (key %j)', (key) => {
    const place = { path: path.join(dir, `${key.length}.v8cache`), mustBeOurs: false };
    writeCache([place], key, data, 2, ['cli.cjs', 'invoke']);
    const file = readFileSync(place.path);
    const start = file.indexOf(0x0a) + 1;
    expect(start % DATA_ALIGNMENT).toBe(0);
    const hit = readCache(place, key);
    expect(hit?.data.equals(data)).toBe(true);
    expect((hit?.data.byteOffset ?? -1) % DATA_ALIGNMENT).toBe(0);
    expect([...(hit?.used ?? [])]).toEqual(['cli.cjs', 'invoke']);
    expect(hit?.loadedFiles).toBe(2);
  });
});
