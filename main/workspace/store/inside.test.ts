import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleRequest } from '../workspace.testkit.js';
import { openWorkspace } from '../workspace.js';

// A folder of the workspace that is a symlink leading out of it: nothing is written through it.

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function setup(): { dir: string; outside: string } {
  root = mkdtempSync(path.join(tmpdir(), 'gwb-inside-'));
  const dir = path.join(root, 'workspace');
  const outside = path.join(root, 'outside');
  mkdirSync(outside);
  openWorkspace(dir);
  return { dir, outside };
}

describe.runIf(process.platform !== 'win32')(
  'a symlinked folder leading out of the workspace',
  () => {
    it('saving a request into it is refused and writes nothing outside', () => {
      const { dir, outside } = setup();
      const ws = openWorkspace(dir);
      symlinkSync(outside, path.join(dir, 'collections', 'linked'));
      const link = path.join(dir, 'collections', 'linked', 'Get.grpc.json');
      expect(() => ws.saveRequest('linked/Get', sampleRequest())).toThrow(
        expect.objectContaining({
          code: 'forbidden',
          message: `${link} leads to ${path.join(outside, 'Get.grpc.json')}, outside the workspace folder ${dir} (through a symlink); the workspace reads and writes its items only inside its folder. Replace the symlink with a real folder, or open the folder it leads to as its own workspace.`,
        }),
      );
      // Deeper too, a new folder, moves into it, and copying it (which reads through it).
      expect(() => ws.saveRequest('linked/deeper/Get', sampleRequest())).toThrow(
        /outside the workspace/,
      );
      expect(() => ws.createFolder('linked/new')).toThrow(/outside the workspace/);
      ws.createFolder('users');
      ws.saveRequest('users/Get', sampleRequest());
      expect(() => ws.moveRequest('users/Get', 'linked')).toThrow(/outside the workspace/);
      expect(() => ws.moveFolder('users', 'linked')).toThrow(/outside the workspace/);
      expect(() => ws.duplicateFolder('linked')).toThrow(/outside the workspace/);
      expect(readdirSync(outside)).toEqual([]);
    });

    it('a symlinked environments folder is not written through either', async () => {
      const { dir, outside } = setup();
      const ws = openWorkspace(dir);
      rmSync(path.join(dir, 'environments'), { recursive: true, force: true });
      symlinkSync(outside, path.join(dir, 'environments'));
      await expect(ws.environments.save({ name: 'dev', variables: [] })).rejects.toThrow(
        /outside the workspace folder/,
      );
      expect(readdirSync(outside)).toEqual([]);
    });

    it('a symlink that stays inside the workspace still works', () => {
      const { dir } = setup();
      const ws = openWorkspace(dir);
      ws.createFolder('real');
      symlinkSync(path.join(dir, 'collections', 'real'), path.join(dir, 'collections', 'alias'));
      ws.saveRequest('alias/Get', sampleRequest());
      expect(readdirSync(path.join(dir, 'collections', 'real'))).toContain('Get.grpc.json');
    });
  },
);
