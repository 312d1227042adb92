// cli.cjs hands gwb's modules each package through one ES module over the package's served module
// (scripts/cli-bundle.mjs, esModuleOver), its names listed one by one: esbuild then copies the
// names once (__toESM), when the first importer is evaluated. `export *` copied them three times
// (__toESM twice and __reExport), a getter closure each, and zod's 261 names were copied on every
// call although a call never reads zod (~12 M instructions of a ~815 M call by callgrind).
// And a package's served module defines getters only for the names cli.cjs reads of it (a first
// build tells: namesUsed): zod's `z` alone, not its 261 (~10 M instructions of a call). A
// CommonJS package read through its default (protobufjs) keeps every name: its default is the
// whole module. Checked on the real bundle's text, built as scripts/build.mjs builds it.
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** The names each package's served module in cli.cjs defines getters for, by specifier. */
function servedNames(): Map<string, string[]> {
  const served = new Map<string, string[]>();
  for (const match of cli.matchAll(
    /"gwb-dep-cjs:([^"]+)"\(exports\d*\)\{.*?for\(let name of(\[[^\]]*\])/g,
  ))
    served.set(match[1] as string, JSON.parse(match[2] as string) as string[]);
  return served;
}

it('zod is served with the one name gwb reads of it', () => {
  expect(servedNames().get('zod')).toEqual(['z']);
});

it('protobufjs, read through its default, is served with every name', () => {
  const protobufjs = createRequire(import.meta.url)('protobufjs') as object;
  expect(servedNames().get('protobufjs')).toEqual(Object.getOwnPropertyNames(protobufjs));
});
