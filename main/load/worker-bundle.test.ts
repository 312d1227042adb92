// A bundled host that is not gwb starts its load workers from dist/load-worker.cjs (built beside
// it by scripts/build.mjs), not by running its own entry again: the desktop app's entry, or gwb
// serve's, would start the app or serve in the worker, never answer, and the run would hang. Built
// here as scripts/build.mjs builds them, into the repo's .tmp/ so node_modules resolve.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NODE_BUNDLE } from '../../scripts/cli-bundle.mjs';
import { loadRequest, loadTarget, startLoadServer, type LoadServer } from './load.testkit.js';
import { LOAD_WORKER_BUNDLE } from './worker-script.js';

const repo = path.resolve(import.meta.dirname, '../..');
let server: LoadServer;
let dir: string;

beforeAll(async () => {
  server = await startLoadServer();
  mkdirSync(path.join(repo, '.tmp'), { recursive: true });
  dir = mkdtempSync(path.join(repo, '.tmp', 'load-worker-bundle-'));
  const bundle = (entry: string, out: string) =>
    build({
      ...NODE_BUNDLE,
      packages: 'external',
      entryPoints: [path.join(import.meta.dirname, entry)],
      outfile: path.join(dir, out),
    });
  await Promise.all([
    bundle('testdata/bundled-host.ts', 'host.cjs'),
    bundle('worker-entry.ts', LOAD_WORKER_BUNDLE),
  ]);
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a bundled host runs its load workers from the worker bundle beside it', async () => {
  const target = loadTarget(loadRequest(server, 'Unary'));
  const file = path.join(dir, 'target.json');
  writeFileSync(
    file,
    JSON.stringify({
      descriptorSet: Buffer.from(target.descriptorSet).toString('base64'),
      request: target.request,
    }),
  );
  // The bound only stops a hung run (workers that never answer) from hanging the suite.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(dir, 'host.cjs'), file],
    {
      timeout: 120_000,
    },
  );
  expect(JSON.parse(stdout)).toEqual({ sent: 10, ok: 10 });
  expect(server.unaryCalls()).toBe(10);
});
