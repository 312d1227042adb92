// Where a workspace folder really leads is worked out once, not for every item read (a run reads
// its saved requests call after call); an item outside that kept path is asked about afresh
// before it is refused, so a workspace folder that is a symlink may be pointed elsewhere.
import fs, { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { sampleRequest } from '../workspace.testkit.js';
import { openWorkspace } from '../workspace.js';

const root = mkdtempSync(path.join(tmpdir(), 'gwb-inside-root-'));
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.runIf(process.platform !== 'win32')('the workspace folder’s real path', () => {
  it('is worked out once: a read asks where the item leads, not the folder again', () => {
    const ws = openWorkspace(path.join(root, 'once'));
    ws.saveRequest('c/r', sampleRequest({ name: 'r' }));
    ws.readRequest('c/r');
    const realpaths = vi.spyOn(fs.realpathSync, 'native');
    ws.readRequest('c/r');
    expect(realpaths.mock.calls.map(([p]) => path.basename(String(p)))).toEqual(['r.grpc.json']);
  });

  it('is asked afresh when the folder, a symlink, leads elsewhere now', () => {
    const first = path.join(root, 'first');
    const second = path.join(root, 'second');
    openWorkspace(first).saveRequest('c/r', sampleRequest({ name: 'first' }));
    openWorkspace(second).saveRequest('c/r', sampleRequest({ name: 'second' }));
    const link = path.join(root, 'link');
    symlinkSync(first, link);
    const ws = openWorkspace(link);
    expect(ws.readRequest('c/r').name).toBe('first');
    const next = path.join(root, 'link.next');
    symlinkSync(second, next);
    renameSync(next, link);
    expect(ws.readRequest('c/r').name).toBe('second');
  });

  it('still refuses an item leading out of the workspace', () => {
    const dir = path.join(root, 'guarded');
    const ws = openWorkspace(dir);
    mkdirSync(path.join(root, 'away'));
    symlinkSync(path.join(root, 'away'), path.join(dir, 'collections', 'away'));
    expect(() => ws.saveRequest('away/r', sampleRequest())).toThrow(/outside the workspace/);
  });
});
