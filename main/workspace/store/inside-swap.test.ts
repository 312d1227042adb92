// A saved request already read (its text kept, read-cache.ts) whose file, or a folder above it,
// is swapped for a symlink that leads out of the workspace is refused on the next read, as a
// file never read is: what is kept must not let a read go where the check would not.
import { cpSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleRequest } from '../workspace.testkit.js';
import { openWorkspace } from '../workspace.js';
import { ageFiles, swapForSymlink } from './symlink-swap.testkit.js';

// Its real path: the error names where the symlink really leads (macOS's /tmp is a symlink).
const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'gwb-inside-swap-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.runIf(process.platform !== 'win32')('a file or folder swapped for a symlink', () => {
  it('leading out of the workspace after it was read is refused', () => {
    const dir = path.join(root, 'ws');
    const ws = openWorkspace(dir);
    ws.saveRequest('c/file', sampleRequest({ name: 'in file' }));
    ws.saveRequest('c/sub/deep', sampleRequest({ name: 'in deep' }));
    const collection = path.join(dir, 'collections', 'c');
    // Outside: the same names holding other requests of the same length, aged alike: only the
    // inode (and times) tell them apart, so this pins the inode in the read cache's key.
    const outside = path.join(root, 'outside');
    openWorkspace(outside).saveRequest('c/sub/deep', sampleRequest({ name: 'outside' }));
    const outsideSub = path.join(outside, 'collections', 'c', 'sub');
    const outsideFile = path.join(outside, 'file.grpc.json');
    cpSync(path.join(outsideSub, 'deep.grpc.json'), outsideFile);
    ageFiles([
      path.join(collection, 'file.grpc.json'),
      path.join(collection, 'sub', 'deep.grpc.json'),
      outsideFile,
      path.join(outsideSub, 'deep.grpc.json'),
    ]);
    // (After ageFiles: a stat before it would give the files' change times finer grain.)
    const sizeOf = (file: string): number => statSync(file).size;
    expect(sizeOf(outsideFile)).toBe(sizeOf(path.join(collection, 'file.grpc.json')));
    expect(sizeOf(outsideFile)).toBe(sizeOf(path.join(collection, 'sub', 'deep.grpc.json')));
    // Read twice: the second read takes the kept text.
    for (let i = 0; i < 2; i++) {
      expect(ws.readRequest('c/file').name).toBe('in file');
      expect(ws.readRequest('c/sub/deep').name).toBe('in deep');
    }

    swapForSymlink(path.join(collection, 'file.grpc.json'), outsideFile);
    swapForSymlink(path.join(collection, 'sub'), outsideSub);

    const link = path.join(collection, 'file.grpc.json');
    expect(() => ws.readRequest('c/file')).toThrow(
      `${link} leads to ${outsideFile}, outside the workspace folder ${dir} (through a symlink)`,
    );
    expect(() => ws.readRequest('c/sub/deep')).toThrow(
      `leads to ${path.join(outsideSub, 'deep.grpc.json')}, outside the workspace folder`,
    );
  });

  it('that stays inside the workspace is still read, and reads what it leads to', () => {
    const dir = path.join(root, 'ws-inside');
    const ws = openWorkspace(dir);
    ws.saveRequest('c/file', sampleRequest({ name: 'first' }));
    ws.saveRequest('c/other', sampleRequest({ name: 'other' }));
    const collection = path.join(dir, 'collections', 'c');
    ageFiles([path.join(collection, 'file.grpc.json'), path.join(collection, 'other.grpc.json')]);
    expect(ws.readRequest('c/file').name).toBe('first');
    expect(ws.readRequest('c/file').name).toBe('first');
    swapForSymlink(
      path.join(collection, 'file.grpc.json'),
      path.join(collection, 'other.grpc.json'),
    );
    expect(ws.readRequest('c/file').name).toBe('other');
  });
});
