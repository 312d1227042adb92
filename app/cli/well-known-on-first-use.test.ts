import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { buildGwb } from './built-gwb.testkit.js';

// Each well-known file of @bufbuild/protobuf builds its descriptor when it is evaluated, and the
// package's wkt index evaluates all fifteen. gwb's deps.cjs evaluates each on first use
// (scripts/cli-bundle.mjs) and main/schema/wkt.ts reads each by name when asked, so `gwb list`
// builds descriptor.proto only and a call only the JSON types. Checked on the real bundle against
// the demo server: the hook records which files deps.cjs's wkt module evaluated.
let dir: string;
let bundle: string;
let hook: string;
let demo: DemoServer;
let address: string;

beforeAll(async () => {
  [{ dir }, demo] = await Promise.all([buildGwb('gwb-wkt-first-use-'), startDemoServer({})]);
  address = `127.0.0.1:${demo.port}`;
  bundle = path.join(dir, 'dist', 'cli.cjs');
  hook = path.join(dir, 'record-wkt.cjs');
  writeFileSync(
    hook,
    `const Module = require('node:module');
const fs = require('node:fs');
let wkt;
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain);
  if (request !== './deps.cjs' || typeof loaded !== 'function') return loaded;
  return Object.assign((specifier) => {
    const served = loaded(specifier);
    if (specifier === '@bufbuild/protobuf/wkt') wkt = served;
    return served;
  }, loaded);
};
process.on('exit', () =>
  fs.writeFileSync(
    process.env.GWB_WKT_FILE,
    JSON.stringify(wkt ? wkt[Symbol.for('gwb.loadedFiles')] ?? 'not lazy' : 'not asked'),
  ),
);
`,
  );
}, 120_000);

afterAll(async () => {
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The well-known files (as the wkt index names them) the command evaluated, and its stdout. */
async function wellKnownFilesOf(args: string[]): Promise<{ files: unknown; stdout: string }> {
  const file = path.join(dir, `wkt-${args.join('_').replace(/\W/g, '')}.json`);
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', hook, bundle, ...args], {
    env: { ...process.env, GWB_WKT_FILE: file },
    timeout: 30_000,
  });
  return { files: JSON.parse(readFileSync(file, 'utf8')) as unknown, stdout };
}

describe('well-known files are built on first use', () => {
  it('gwb list over reflection builds descriptor.proto only', async () => {
    const { files, stdout } = await wellKnownFilesOf(['-plaintext', address, 'list']);
    expect(stdout).toContain('example.UserService\n');
    expect(files).toEqual(['./google/protobuf/descriptor_pb.js']);
  });

  it('a unary call builds no file its JSON does not need (api, type, plugin, feature sets)', async () => {
    const call = ['-plaintext', '-d', '{"id":"1"}', address, 'example.UserService/GetUser'];
    const { files, stdout } = await wellKnownFilesOf(call);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(files).toContain('./google/protobuf/descriptor_pb.js');
    for (const unused of ['api_pb', 'type_pb', 'plugin_pb', 'cpp_features_pb', 'java_features_pb'])
      expect((files as string[]).some((f) => f.endsWith(`/${unused}.js`))).toBe(false);
  });
});
