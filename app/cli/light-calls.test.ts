import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { buildGwb } from './built-gwb.testkit.js';

// Start-up is most of a short gwb command, so it loads only the packages its path needs: `gwb list`
// over reflection never loads protobufjs (the .proto parser; reflection hands over descriptors).
// Checked on the real bundle against a real server by recording every package Node is asked for
// (light-start.test.ts does the same for commands that load none).
let dir: string;
let bundle: string;
let hook: string;
let demo: DemoServer;
let address: string;

beforeAll(async () => {
  [{ dir }, demo] = await Promise.all([buildGwb('gwb-light-calls-'), startDemoServer({})]);
  address = `127.0.0.1:${demo.port}`;
  bundle = path.join(dir, 'dist', 'cli.cjs');
  hook = path.join(dir, 'record-loads.cjs');
  // Packages reach the bundle through dist/deps.cjs's function: note each one asked for.
  writeFileSync(
    hook,
    `const Module = require('node:module');
const fs = require('node:fs');
const asked = [];
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain);
  if (request !== './deps.cjs' || typeof loaded !== 'function') return loaded;
  return Object.assign((specifier) => (asked.push(specifier), loaded(specifier)), loaded);
};
process.on('exit', () => fs.writeFileSync(process.env.GWB_LOADS_FILE, JSON.stringify(asked)));
`,
  );
});

afterAll(async () => {
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The packages `gwb …args` asked for, and what it printed. */
async function packagesOf(args: string[]): Promise<{ packages: string[]; stdout: string }> {
  const loadsFile = path.join(dir, `loads-${args.join('_').replace(/\W/g, '')}.json`);
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', hook, bundle, ...args], {
    env: { ...process.env, GWB_LOADS_FILE: loadsFile },
    timeout: 20_000,
  });
  return { packages: JSON.parse(readFileSync(loadsFile, 'utf8')) as string[], stdout };
}

describe('gwb loads only what its command needs', () => {
  it('list over reflection does not load the .proto parser', async () => {
    const { packages, stdout } = await packagesOf(['-plaintext', address, 'list']);
    expect(stdout).toContain('example.UserService\n');
    expect(packages).toContain('@grpc/grpc-js');
    expect(packages).not.toContain('protobufjs');
  });

  it('list of .proto files does load it (the check sees it)', async () => {
    const { packages, stdout } = await packagesOf([
      '-import-path',
      resourcePath('protos'),
      '-proto',
      'example.proto',
      'list',
    ]);
    expect(stdout).toContain('example.UserService\n');
    expect(packages).toContain('protobufjs');
  });
});
