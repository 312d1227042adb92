import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { buildGwb } from './built-gwb.testkit.js';

// The built gwb asks dist/deps.cjs for a package when its command first USES one of the
// package's exports, not when a module importing it is evaluated (scripts/cli-bundle.mjs): the
// engine a call runs on builds every feature, load runs and checks included, yet a call must not
// load their packages. And zod runs jitless in gwb: no parser compiled with `new Function` for a
// schema that parses once. Checked on the real bundle against the demo server, by recording the
// packages asked for and every Function built from source.
let dir: string;
let bundle: string;
let hook: string;
let demo: DemoServer;
let address: string;

beforeAll(async () => {
  [{ dir }, demo] = await Promise.all([buildGwb('gwb-first-use-'), startDemoServer({})]);
  address = `127.0.0.1:${demo.port}`;
  bundle = path.join(dir, 'dist', 'cli.cjs');
  hook = path.join(dir, 'record-asked.cjs');
  writeFileSync(
    hook,
    `const Module = require('node:module');
const fs = require('node:fs');
const asked = [];
let compiled = 0;
const NativeFunction = Function;
globalThis.Function = new Proxy(NativeFunction, {
  construct(target, args, newTarget) {
    compiled++;
    return Reflect.construct(target, args, newTarget === globalThis.Function ? target : newTarget);
  },
  apply(target, self, args) {
    compiled++;
    return Reflect.apply(target, self, args);
  },
});
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain);
  if (request !== './deps.cjs' || typeof loaded !== 'function') return loaded;
  return Object.assign((specifier) => (asked.push(specifier), loaded(specifier)), loaded);
};
process.on('exit', () =>
  fs.writeFileSync(process.env.GWB_ASKED_FILE, JSON.stringify({ asked, compiled })),
);
`,
  );
}, 120_000);

afterAll(async () => {
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  packages: string[];
  /** Functions built from source text (new Function / Function()). */
  compiled: number;
  stdout: string;
}

async function run(args: string[]): Promise<Run> {
  const askedFile = path.join(dir, `asked-${args.join('_').replace(/\W/g, '')}.json`);
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', hook, bundle, ...args], {
    env: { ...process.env, GWB_ASKED_FILE: askedFile },
    timeout: 30_000,
  });
  const { asked, compiled } = JSON.parse(readFileSync(askedFile, 'utf8')) as {
    asked: string[];
    compiled: number;
  };
  return { packages: asked, compiled, stdout };
}

describe('gwb asks for a package when it uses it', () => {
  it('a unary call loads neither the load runner’s histograms nor CEL nor the text format', async () => {
    const call = ['-plaintext', '-d', '{"id":"1"}', address, 'example.UserService/GetUser'];
    const { packages, stdout } = await run(call);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(packages).toContain('@grpc/grpc-js');
    expect(packages).toContain('zod');
    for (const unused of [
      'hdr-histogram-js',
      '@bufbuild/cel',
      '@bufbuild/protobuf/txtpb',
      'protobufjs',
    ])
      expect(packages).not.toContain(unused);
  });

  it('-format text does load the text format (it is used)', async () => {
    const call = [
      '-plaintext',
      '-format',
      'text',
      '-d',
      'id: "1"',
      address,
      'example.UserService/GetUser',
    ];
    const { packages, stdout } = await run(call);
    expect(stdout).toContain('name: "Ada Lovelace"');
    expect(packages).toContain('@bufbuild/protobuf/txtpb');
  });
});

describe('zod in gwb', () => {
  it('compiles no parser from source for a call or list', async () => {
    const call = await run([
      '-plaintext',
      '-d',
      '{"id":"1"}',
      address,
      'example.UserService/GetUser',
    ]);
    expect(call.stdout).toContain('"name": "Ada Lovelace"');
    expect(call.compiled).toBe(0);
    const list = await run(['-plaintext', address, 'list']);
    expect(list.stdout).toContain('example.UserService\n');
    expect(list.compiled).toBe(0);
  });
});
