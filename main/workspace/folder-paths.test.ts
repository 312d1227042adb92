// A folder's path is built in one place: the path a folder file is looked for at (no realpaths)
// and the folder's checked path agree, and both refuse the same bad names.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderDirPath, folderFileToStat } from './request-files.js';

let workspace: string;
beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'gwb-folder-paths-'));
  mkdirSync(path.join(workspace, 'collections', 'c', 'a', 'b'), { recursive: true });
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('a folder’s path', () => {
  it('is the same whether a file is looked for in it or the folder is checked', () => {
    for (const folder of ['c', 'c/a', 'c/a/b', '/c/a/b/']) {
      expect(folderFileToStat(workspace, folder, 'folder.json')).toBe(
        path.join(folderDirPath(workspace, folder), 'folder.json'),
      );
    }
    expect(folderDirPath(workspace, 'c/a/b')).toBe(
      path.join(workspace, 'collections', 'c', 'a', 'b'),
    );
  });

  it('refuses the same bad names either way', () => {
    for (const folder of ['', 'c/..', 'c/.hidden', 'c/a:b']) {
      const message = messageOf(() => folderDirPath(workspace, folder));
      expect(message).toMatch(/folder (path is empty|name)/);
      expect(messageOf(() => folderFileToStat(workspace, folder, 'folder.json'))).toBe(message);
    }
  });
});

function messageOf(build: () => string): string {
  try {
    return `built ${build()}`;
  } catch (e) {
    return (e as Error).message;
  }
}
