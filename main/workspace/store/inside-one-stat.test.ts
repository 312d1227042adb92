// A workspace folder that is its own real path (no symlink on the way) is one path: a read asks
// once whether it is still the directory kept (inside.ts), not twice for the same path. A run
// reads its saved requests call after call.
import fs, { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { sampleRequest } from '../workspace.testkit.js';
import { openWorkspace } from '../workspace.js';

// Its real path, so the workspace folder has no symlink on the way (macOS's /tmp has one).
const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'gwb-inside-one-stat-')));
afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The paths statted while `work` runs (named imports of node:fs see the spy once synced). */
function statsDuring(work: () => void): string[] {
  const stats = vi.spyOn(fs, 'statSync');
  syncBuiltinESMExports();
  try {
    work();
    return stats.mock.calls.map(([p]) => String(p));
  } finally {
    stats.mockRestore();
    syncBuiltinESMExports();
  }
}

describe.runIf(process.platform !== 'win32')('a workspace folder that is its own real path', () => {
  it('is statted once a read, not twice', () => {
    const dir = path.join(root, 'ws');
    const ws = openWorkspace(dir);
    ws.saveRequest('c/r', sampleRequest({ name: 'r' }));
    ws.readRequest('c/r');
    const statted = statsDuring(() => expect(ws.readRequest('c/r').name).toBe('r'));
    expect(statted.filter((p) => p === dir)).toEqual([dir]);
  });
});
