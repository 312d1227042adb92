// The workspace folder's real path is kept between checks (inside.ts), yet a workspace folder
// that is a symlink pointed elsewhere must not leave its old folder "inside": a symlink in the new
// folder that leads back into the old one is refused, as it was before the path was kept.
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleRequest } from '../workspace.testkit.js';
import { openWorkspace } from '../workspace.js';
import { insideWorkspace } from './inside.js';

const root = mkdtempSync(path.join(tmpdir(), 'gwb-inside-retarget-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Points the symlink `link` at `target` in one step, as a deploy script would. */
function retarget(link: string, target: string): void {
  const next = `${link}.next`;
  symlinkSync(target, next);
  renameSync(next, link);
}

describe.runIf(process.platform !== 'win32')('a workspace folder symlink pointed elsewhere', () => {
  it('refuses an item of the new folder that leads into the old one', () => {
    const oldDir = path.join(root, 'A');
    const newDir = path.join(root, 'B');
    openWorkspace(oldDir).saveRequest('c/secret', sampleRequest({ name: 'secret' }));
    openWorkspace(newDir).saveRequest('c/own', sampleRequest({ name: 'own' }));
    const link = path.join(root, 'ws');
    symlinkSync(oldDir, link);
    const ws = openWorkspace(link);
    expect(ws.readRequest('c/secret').name).toBe('secret');

    retarget(link, newDir);
    const secret = path.join(oldDir, 'collections', 'c', 'secret.grpc.json');
    symlinkSync(secret, path.join(newDir, 'collections', 'c', 'evil.grpc.json'));
    const evil = path.join(link, 'collections', 'c', 'evil.grpc.json');
    expect(() => ws.readRequest('c/evil')).toThrow(
      `${evil} leads to ${secret}, outside the workspace folder ${link} (through a symlink)`,
    );
    expect(() => insideWorkspace(link, evil)).toThrow(/outside the workspace folder/);
    // The new folder's own items are still read, and the old folder's path is no longer inside.
    expect(ws.readRequest('c/own').name).toBe('own');
    expect(() => insideWorkspace(link, secret)).toThrow(/outside the workspace folder/);
  });

  it('refuses a new folder made at the old folder’s path after the old one moved away', () => {
    // ws → A; A is renamed to C and ws pointed at C (the same directory); a fresh A is made and
    // C holds a symlink into it. The kept path "A" names another directory now.
    const first = path.join(root, 'moved-A');
    const moved = path.join(root, 'moved-C');
    openWorkspace(first).saveRequest('c/r', sampleRequest({ name: 'r' }));
    const link = path.join(root, 'moved-ws');
    symlinkSync(first, link);
    const ws = openWorkspace(link);
    expect(ws.readRequest('c/r').name).toBe('r');

    renameSync(first, moved);
    retarget(link, moved);
    mkdirSync(first);
    const secret = path.join(first, 'secret.json');
    writeFileSync(secret, '{}');
    symlinkSync(secret, path.join(moved, 'collections', 'c', 'evil.grpc.json'));
    expect(() => ws.readRequest('c/evil')).toThrow(/outside the workspace folder/);
    expect(ws.readRequest('c/r').name).toBe('r');
  });
});
