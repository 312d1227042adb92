// A request path's file path is worked out once per workspace folder (request-files.ts): a run
// reads its saved requests call after call. Where the file really leads is still asked on every
// use, and a bad name is refused every time.
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as names from './store/names.js';
import { requestFilePath } from './request-files.js';

vi.mock('./store/names.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./store/names.js')>();
  return { ...actual, splitPath: vi.fn(actual.splitPath) };
});

const root = mkdtempSync(path.join(tmpdir(), 'gwb-request-file-paths-'));
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a request path’s file path', () => {
  it('is split and checked once, its confinement asked on every use', () => {
    const split = vi.mocked(names.splitPath);
    const file = path.join(root, 'collections', 'c', 'f', 'r.grpc.json');
    expect(requestFilePath(root, 'c/f/r')).toBe(file);
    split.mockClear();
    const realpaths = vi.spyOn(fs.realpathSync, 'native');
    expect(requestFilePath(root, 'c/f/r')).toBe(file);
    expect(requestFilePath(root, 'c/f/r')).toBe(file);
    expect(split).not.toHaveBeenCalled();
    expect(realpaths.mock.calls.filter(([p]) => String(p).endsWith('r.grpc.json'))).toHaveLength(2);
  });

  it('is its own per workspace folder', () => {
    const other = path.join(root, 'other');
    expect(requestFilePath(other, 'c/f/r')).toBe(
      path.join(other, 'collections', 'c', 'f', 'r.grpc.json'),
    );
  });

  it('refuses a bad name every time', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => requestFilePath(root, 'c/../r')).toThrow(/must not start with a dot/);
      expect(() => requestFilePath(root, 'r')).toThrow(/needs a collection and a name/);
    }
  });
});
