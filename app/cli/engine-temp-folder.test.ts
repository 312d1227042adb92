// gwb's engine host gives an engine with no data folder a temporary one and removes it at close:
// an empty folder (a grpcurl-style call leaves it so) with one rmdir, a folder something wrote
// into with everything in it. The folders are made under a TMPDIR of this test's own.
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCliEngine } from './engine-host.js';

let ownTmp: string;
let savedTmpdir: string | undefined;

beforeEach(() => {
  ownTmp = mkdtempSync(path.join(tmpdir(), 'gwb-engine-folder-test-'));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = ownTmp;
});

afterEach(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(ownTmp, { recursive: true, force: true });
});

function engineFolder(): string {
  const folders = readdirSync(ownTmp).filter((name) => name.startsWith('gwb-engine-'));
  expect(folders).toHaveLength(1);
  return path.join(ownTmp, folders[0] as string);
}

it('an engine folder left empty is removed at close', async () => {
  const engine = openCliEngine();
  engineFolder();
  await engine.close();
  expect(readdirSync(ownTmp)).toEqual([]);
});

it('an engine folder something wrote into is removed at close with what it holds', async () => {
  const engine = openCliEngine();
  const folder = engineFolder();
  mkdirSync(path.join(folder, 'recordings', 'a'), { recursive: true });
  writeFileSync(path.join(folder, 'recordings', 'a', 'call.json'), '{}');
  writeFileSync(path.join(folder, 'secret.key'), 'key');
  await engine.close();
  expect(readdirSync(ownTmp)).toEqual([]);
});
