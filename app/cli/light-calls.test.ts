import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { buildGwb } from './built-gwb.testkit.js';

// Start-up is most of a short gwb command, so it loads only the packages its path needs: `gwb list`
// and a call over reflection never load protobufjs (the .proto parser; reflection hands over
// descriptors, and google.rpc.Status is prebuilt), and a call makes no Intl.Collator (making one
// loads ICU's collation data; the engine's folder listings and workspace tree make theirs when
// they sort). Checked on the real bundle against a real server by recording every package Node is
// asked for (light-start.test.ts does the same for commands that load none).
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
let collators = 0;
const Collator = Intl.Collator;
Intl.Collator = function (...args) {
  collators++;
  return new Collator(...args);
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain);
  if (request !== './deps.cjs' || typeof loaded !== 'function') return loaded;
  return Object.assign((specifier) => (asked.push(specifier), loaded(specifier)), loaded);
};
process.on('exit', () =>
  fs.writeFileSync(process.env.GWB_LOADS_FILE, JSON.stringify({ asked, collators })),
);
`,
  );
});

afterAll(async () => {
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  /** The packages asked for. */
  packages: string[];
  /** How many Intl.Collators were made. */
  collators: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** What `gwb …args` asked for and made, and what it printed. */
async function packagesOf(args: string[]): Promise<Run> {
  const loadsFile = path.join(dir, `loads-${args.join('_').replace(/\W/g, '')}.json`);
  let run: Pick<Run, 'code' | 'stdout' | 'stderr'>;
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', hook, bundle, ...args],
      { env: { ...process.env, GWB_LOADS_FILE: loadsFile }, timeout: 20_000 },
    );
    run = { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    run = { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
  const { asked, collators } = JSON.parse(readFileSync(loadsFile, 'utf8')) as {
    asked: string[];
    collators: number;
  };
  return { packages: asked, collators, ...run };
}

describe('gwb loads only what its command needs', () => {
  it('list over reflection does not load the .proto parser', async () => {
    const { packages, stdout } = await packagesOf(['-plaintext', address, 'list']);
    expect(stdout).toContain('example.UserService\n');
    expect(packages).toContain('@grpc/grpc-js');
    expect(packages).not.toContain('protobufjs');
  });

  it('a unary call over reflection loads neither the .proto parser nor a collator', async () => {
    const call = ['-plaintext', '-d', '{"id":"1"}', address, 'example.UserService/GetUser'];
    const { packages, collators, stdout } = await packagesOf(call);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(packages).toContain('@grpc/grpc-js');
    expect(packages).not.toContain('protobufjs');
    expect(collators).toBe(0);
  });

  it('a call whose status carries details decodes them without the .proto parser', async () => {
    // The demo server answers GetUser with an empty id by INVALID_ARGUMENT and a BadRequest.
    const call = [
      '-plaintext',
      '-format-error',
      '-d',
      '{}',
      address,
      'example.UserService/GetUser',
    ];
    const { packages, code, stderr } = await packagesOf(call);
    expect(code).toBe(64 + 3);
    expect(JSON.parse(stderr)).toMatchObject({
      details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{}] }],
    });
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
