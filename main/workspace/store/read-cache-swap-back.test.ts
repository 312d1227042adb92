// A folder swapped for a symlink out of the workspace between the symlink check and the read, and
// swapped back after (A-B-A), must not leave the outside text kept under the inside file's key:
// a kept text is given with no check while its file is unchanged (read-cache.ts), so it would be
// served from then on though the path leads inside again. (review 27 SHOULD-1)
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { insideWorkspace } from './inside.js';
import { readTextNow } from './json-file.js';
import { cachedCheckedText } from './read-cache.js';
import { ageFiles, whileSwappedOut } from './symlink-swap.testkit.js';
import { useSettledClock } from '../../platform/racy-clock.testkit.js';

const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'gwb-read-cache-aba-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `name` under `folder` holding `text`, dated back (not racy: its text would be kept). */
function requestFile(folder: string, text: string): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'r.grpc.json');
  writeFileSync(file, text);
  ageFiles([file]);
  return file;
}

// Files dated back with utimes have their change time at now: counted as settled (see the kit).
useSettledClock();
describe.runIf(process.platform !== 'win32')('a folder swapped out and back around a read', () => {
  it('leaves nothing kept that a later read gives unchecked', () => {
    const workspace = path.join(root, 'ws');
    const folder = path.join(workspace, 'collections', 'c');
    const file = requestFile(folder, '{"name":"inside"}');
    // Same length: only the inode (and times) tell the two files apart.
    const outside = path.join(root, 'outside');
    const outsideFile = requestFile(outside, '{"name":"beyond"}');
    expect(statSync(outsideFile).size).toBe(statSync(file).size);

    let checks = 0;
    const check = (): void => {
      checks++;
      insideWorkspace(workspace, file);
    };
    // The race: the check finds the path inside, the read goes out, the path comes back.
    const raced = cachedCheckedText(file, workspace, check, () =>
      whileSwappedOut(folder, outside, () => readTextNow(file)),
    );
    expect(raced).toBe('{"name":"beyond"}');

    checks = 0;
    const later = cachedCheckedText(file, workspace, check, () => readTextNow(file));
    expect(later).toBe('{"name":"inside"}');
    expect(checks).toBe(1);
    // Kept now (read through the inside file itself): given again with no check.
    expect(cachedCheckedText(file, workspace, check, () => readTextNow(file))).toBe(later);
    expect(checks).toBe(1);
  });
});
