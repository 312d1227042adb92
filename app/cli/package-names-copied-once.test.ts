// cli.cjs hands gwb's modules each package through one ES module over the package's served module
// (scripts/cli-bundle.mjs, esModuleOver), its names listed one by one: esbuild then copies the
// names once (__toESM), when the first importer is evaluated. `export *` copied them three times
// (__toESM twice and __reExport), a getter closure each, and zod's 261 names were copied on every
// call although a call never reads zod (~12 M instructions of a ~815 M call by callgrind).
// Checked on the real bundle's text, built as scripts/build.mjs builds it.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildGwb } from './built-gwb.testkit.js';

let dir = '';
let cli = '';

beforeAll(async () => {
  ({ dir } = await buildGwb('gwb-names-once-'));
  cli = readFileSync(path.join(dir, 'dist', 'cli.cjs'), 'utf8');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('no package is re-exported with export * (__reExport)', () => {
  expect(cli).not.toContain('__reExport(');
});

it("zod's served module is copied into an ES namespace once", () => {
  expect(cli.match(/__toESM\(require_zod\(\)\)/g)).toHaveLength(1);
});
