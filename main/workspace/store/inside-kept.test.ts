// A saved request read again while its file is unchanged takes its kept text (read-cache.ts) and
// is not checked for symlinks again (no realpath of every folder on the way, call after call of a
// run); a text kept by a read that did not check (the tree's listing) is checked once first.
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sampleRequest } from '../workspace.testkit.js';
import { openWorkspace } from '../workspace.js';
import { ageFiles } from './symlink-swap.testkit.js';
import { useSettledClock } from '../../platform/racy-clock.testkit.js';

const root = mkdtempSync(path.join(tmpdir(), 'gwb-inside-kept-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The names of the files realpath is asked about while `work` runs. */
function realpathsDuring(work: () => void): string[] {
  const realpaths = vi.spyOn(fs.realpathSync, 'native');
  try {
    work();
    return realpaths.mock.calls.map(([p]) => path.basename(String(p)));
  } finally {
    realpaths.mockRestore();
  }
}

// Files dated back with utimes have their change time at now: counted as settled (see the kit).
useSettledClock();
describe.runIf(process.platform !== 'win32')('a saved request read again, unchanged', () => {
  it('is checked on its first read only', () => {
    const ws = openWorkspace(path.join(root, 'again'));
    ws.saveRequest('c/r', sampleRequest({ name: 'r' }));
    ageFiles([path.join(ws.dir, 'collections', 'c', 'r.grpc.json')]);
    expect(realpathsDuring(() => ws.readRequest('c/r'))).toEqual(['r.grpc.json']);
    expect(realpathsDuring(() => expect(ws.readRequest('c/r').name).toBe('r'))).toEqual([]);
  });

  it('kept by the tree’s listing, which does not check, is checked once when read', () => {
    const ws = openWorkspace(path.join(root, 'listed'));
    ws.saveRequest('c/r', sampleRequest({ name: 'r' }));
    ageFiles([path.join(ws.dir, 'collections', 'c', 'r.grpc.json')]);
    ws.list();
    expect(realpathsDuring(() => ws.readRequest('c/r'))).toEqual(['r.grpc.json']);
    expect(realpathsDuring(() => ws.readRequest('c/r'))).toEqual([]);
  });

  it('is checked again once the file changes', () => {
    const ws = openWorkspace(path.join(root, 'changed'));
    const file = path.join(ws.dir, 'collections', 'c', 'r.grpc.json');
    ws.saveRequest('c/r', sampleRequest({ name: 'r' }));
    ageFiles([file]);
    ws.readRequest('c/r');
    ws.saveRequest('c/r', sampleRequest({ name: 'changed' }));
    ageFiles([file]);
    let read: string | undefined;
    expect(realpathsDuring(() => (read = ws.readRequest('c/r').name))).toEqual(['r.grpc.json']);
    expect(read).toBe('changed');
  });
});
