import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGwb } from './built-gwb.testkit.js';

// `gwb -version`, `--help` and a command line that cannot be run answer without loading any
// package (grpc-js, the protobuf runtimes, zod, the engine): main.ts imports only the flag table,
// parser, help and usage errors, and loads each command's modules when it runs. Checked on the
// real bundle by recording every module Node loads (packages come from node_modules or, bundled,
// from dist/deps.cjs: either shows up here).
let dir: string;
/** The bundle itself, run directly: what it loads does not depend on the launcher in bin/. */
let bundle: string;
let hook: string;

beforeAll(async () => {
  ({ dir } = await buildGwb('gwb-light-'));
  bundle = path.join(dir, 'dist', 'cli.cjs');
  hook = path.join(dir, 'record-loads.cjs');
  // Preloaded with -r: notes each require and writes the list when the process exits.
  writeFileSync(
    hook,
    `const Module = require('node:module');
const fs = require('node:fs');
const loaded = [];
const load = Module._load;
Module._load = function (request, parent, isMain) {
  loaded.push(request);
  return load.call(this, request, parent, isMain);
};
process.on('exit', () => fs.writeFileSync(process.env.GWB_LOADS_FILE, JSON.stringify(loaded)));
`,
  );
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The modules `gwb …args` loaded, besides Node's own, and its exit code. */
async function loadsOf(args: string[]): Promise<{ code: number; packages: string[] }> {
  const loadsFile = path.join(dir, `loads-${args.join('_').replace(/\W/g, '')}.json`);
  let code = 0;
  try {
    await promisify(execFile)(process.execPath, ['-r', hook, bundle, ...args], {
      env: { ...process.env, GWB_LOADS_FILE: loadsFile },
      timeout: 20_000,
    });
  } catch (error) {
    code = (error as { code: number }).code;
  }
  const loaded = JSON.parse(readFileSync(loadsFile, 'utf8')) as string[];
  const own = (m: string) => m.startsWith('node:') || m === bundle;
  return { code, packages: loaded.filter((m) => !own(m)) };
}

describe('gwb starts light', () => {
  it.each([
    [['-version'], 0],
    [['--help'], 0],
    [['-bogus'], 2],
    [['-plaintext', 'localhost:1'], 2],
    [['-plaintext', '-insecure', 'localhost:1', 'list'], 2],
  ])('%j loads no package', async (args, code) => {
    expect(await loadsOf(args)).toEqual({ code, packages: [] });
  });

  it('does load them for a command that needs them (the check sees requires)', async () => {
    const { packages } = await loadsOf(['-proto', 'nope.proto', 'list']);
    expect(packages.length).toBeGreaterThan(0);
  });
});
