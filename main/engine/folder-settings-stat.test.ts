// A folder's settings (folder.json, asked for by every call of a saved request inheriting its
// auth) cost one stat when the folder has none: where the folder really leads (realpaths) is
// worked out only for a file that is there, before it is read, and one leading outside the
// workspace is still refused.
import fs, { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFolderSettings } from './workspace-folders.js';

let root: string;
let workspace: string;
const unix = process.platform !== 'win32';

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'gwb-folder-stat-'));
  workspace = path.join(root, 'ws');
  mkdirSync(path.join(workspace, 'collections', 'c', 'plain'), { recursive: true });
  mkdirSync(path.join(workspace, 'collections', 'c', 'set'), { recursive: true });
  writeFileSync(
    path.join(workspace, 'collections', 'c', 'set', 'folder.json'),
    JSON.stringify({ version: 1, auth: { type: 'bearer', token: 't' } }),
  );
  mkdirSync(path.join(root, 'elsewhere'));
  writeFileSync(path.join(root, 'elsewhere', 'folder.json'), JSON.stringify({ version: 1 }));
  if (unix)
    symlinkSync(path.join(root, 'elsewhere'), path.join(workspace, 'collections', 'c', 'away'));
});

afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('folder settings', () => {
  it('of a folder without folder.json: {} without a realpath', () => {
    const realpaths = vi.spyOn(fs.realpathSync, 'native');
    expect(readFolderSettings(workspace, 'c/plain')).toEqual({});
    expect(readFolderSettings(workspace, 'c')).toEqual({});
    expect(realpaths).not.toHaveBeenCalled();
  });

  it('of a folder with one: read, after checking where it leads', () => {
    const realpaths = vi.spyOn(fs.realpathSync, 'native');
    expect(readFolderSettings(workspace, 'c/set')).toEqual({
      auth: { type: 'bearer', token: 't' },
    });
    expect(realpaths).toHaveBeenCalled();
  });

  it.runIf(unix)('of a folder leading outside the workspace: refused', () => {
    expect(() => readFolderSettings(workspace, 'c/away')).toThrow(/outside the workspace/);
  });
});
