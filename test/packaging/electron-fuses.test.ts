// The packaged app's fuses are a security boundary that no unit of the app exercises at run time:
// this test reads the list the afterPack hook flips and fails when one is left in its unsafe state.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const hook = pathToFileURL(join(root, 'scripts', 'after-pack-fuses.mjs')).href;

async function fuses(): Promise<Record<number, boolean>> {
  const mod = (await import(hook)) as { FUSES: Record<number, boolean> };
  return mod.FUSES;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('Electron fuses flipped after packing', () => {
  it('turns off the extra privileges of file:// pages, which the app never loads', async () => {
    expect((await fuses())[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    // The window loads the app's own scheme, never a file:// page (main-process net.fetch of a
    // file:// URL inside the scheme's handler is not a page and is unaffected by the fuse).
    for (const file of sources(join(root, 'app', 'electron'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\bloadFile\(|loadURL\(\s*['"`]file:/);
    }
  });

  it('keeps the Node runtime, inspector and loose app folders out of the shipped binary', async () => {
    const set = await fuses();
    expect(set[FuseV1Options.RunAsNode]).toBe(false);
    expect(set[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(set[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(set[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(set[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
  });
});
