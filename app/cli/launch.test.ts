import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildGwb } from './built-gwb.testkit.js';
import { cachePaths } from './launch.js';

// The real gwb (bin/gwb.cjs → dist/launch.cjs → dist/cli.cjs, dist/deps.cjs) and its V8 code
// cache: written on the first run, used after, and never a reason to fail — a damaged, stale,
// foreign or unwritable cache is ignored.
let dir: string;
let bin: string;
let dist: string;
let userCache: string;
const cliCache = (): string => path.join(dist, 'cli.cjs.v8cache');
const depsCache = (): string => path.join(dist, 'deps.cjs.v8cache');
let protoFile: string;

beforeAll(async () => {
  ({ dir, bin } = await buildGwb('gwb-launch-'));
  dist = path.join(dir, 'dist');
  userCache = path.join(dir, 'user-cache');
  protoFile = path.join(dir, 'tiny.proto');
  writeFileSync(
    protoFile,
    'syntax = "proto3";\npackage t;\nmessage M {}\nservice S { rpc Get(M) returns (M); }\n',
  );
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const file of [cliCache(), depsCache()]) rmSync(file, { recursive: true, force: true });
  rmSync(userCache, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  signal?: string | null;
}

async function gwb(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      env: { ...process.env, XDG_CACHE_HOME: userCache },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string; signal: string | null };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, signal: e.signal };
  }
}

const VERSION = { code: 0, stdout: expect.stringMatching(/^gwb \d+\.\d+\.\d+\n$/), stderr: '' };

/** A cache file's header line and its V8 data. */
function cacheParts(file: string): { header: string; data: Buffer } {
  const bytes = readFileSync(file);
  const end = bytes.indexOf(0x0a);
  return { header: bytes.subarray(0, end).toString('latin1'), data: bytes.subarray(end + 1) };
}

describe('the code cache of the gwb bundles', () => {
  it('is written beside the bundle on the first run and used, unchanged, after', async () => {
    expect(await gwb('-version')).toMatchObject(VERSION);
    const written = readFileSync(cliCache());
    expect(cacheParts(cliCache()).header).toMatch(/ files=1 crc=\d+$/);
    // -version never needs the dependencies, so never loads (or caches) deps.cjs.
    expect(existsSync(depsCache())).toBe(false);
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(readFileSync(cliCache()).equals(written)).toBe(true);
  });

  it('is written again once by a command that loads more (deps.cjs), then kept', async () => {
    await gwb('-version');
    const list = await gwb('-proto', protoFile, 'list');
    expect(list).toMatchObject({ code: 0, stdout: 't.S\n' });
    expect(cacheParts(cliCache()).header).toMatch(/ files=2 crc=\d+$/);
    expect(cacheParts(depsCache()).header).toMatch(/ files=2 crc=\d+$/);
    const [cli, deps] = [readFileSync(cliCache()), readFileSync(depsCache())];
    expect(await gwb('-proto', protoFile, 'list')).toMatchObject({ code: 0, stdout: 't.S\n' });
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(readFileSync(cliCache()).equals(cli)).toBe(true);
    expect(readFileSync(depsCache()).equals(deps)).toBe(true);
  });

  it('ignores a damaged cache (V8 would crash on it) and writes a good one', async () => {
    await gwb('-version');
    const { header, data } = cacheParts(cliCache());
    const damaged = Buffer.from(data);
    for (let i = damaged.length >> 1; i < damaged.length; i++) damaged[i]! ^= 0xff;
    writeFileSync(cliCache(), Buffer.concat([Buffer.from(`${header}\n`), damaged]));
    expect(await gwb('-version')).toMatchObject(VERSION);
    const rewritten = cacheParts(cliCache());
    expect(rewritten.header.replace(/crc=\d+$/, `crc=${crc32(rewritten.data)}`)).toBe(
      rewritten.header,
    );
    expect(rewritten.data.equals(damaged)).toBe(false);
  });

  it('ignores a cache of another build of the bundle and replaces it', async () => {
    await gwb('-version');
    const before = cacheParts(cliCache()).header;
    const bundle = path.join(dist, 'cli.cjs');
    const later = new Date(statSync(bundle).mtimeMs + 5_000);
    utimesSync(bundle, later, later);
    expect(await gwb('-version')).toMatchObject(VERSION);
    const after = cacheParts(cliCache()).header;
    expect(after).not.toBe(before);
  });

  it('runs when V8 refuses the cache (made from other code, with a right header)', async () => {
    await gwb('-version');
    const { header } = cacheParts(cliCache());
    await gwb('-proto', protoFile, 'list'); // deps.cjs's cache: V8 data of other code
    const foreign = cacheParts(depsCache()).data;
    const key = header.replace(/ files=.*$/, '');
    const forged = `${key} files=9 crc=${crc32(foreign)}\n`;
    writeFileSync(cliCache(), Buffer.concat([Buffer.from(forged), foreign]));
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(cacheParts(cliCache()).data.equals(foreign)).toBe(false);
  });

  it('runs with a file that is no cache at all', async () => {
    writeFileSync(cliCache(), 'not a cache\n\u0000\u0001');
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(cacheParts(cliCache()).header).toMatch(/^gwb-v8-cache-1 /);
  });

  it('falls back to the user cache folder when the bundle folder cannot take one', async () => {
    mkdirSync(cliCache()); // in the way: the cache cannot be written (nor read) there
    expect(await gwb('-version')).toMatchObject(VERSION);
    const [, fallback] = cachePaths(path.join(dist, 'cli.cjs'), { XDG_CACHE_HOME: userCache });
    const written = readFileSync(fallback!);
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(readFileSync(fallback!).equals(written)).toBe(true);
  });

  it('runs when no cache can be written anywhere', async () => {
    mkdirSync(cliCache());
    writeFileSync(userCache, 'a file where the cache folder would be');
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(await gwb('-proto', protoFile, 'list')).toMatchObject({ code: 0, stdout: 't.S\n' });
  });
});

describe('what gwb loads', () => {
  /**
   * What the process `gwb …args` loaded: every require it made (builtins left out) and Node's own
   * module list; stdin is /dev/null, as for a command run from a script.
   */
  async function loadsOf(
    args: string[],
  ): Promise<{ code: number | null; requests: string[]; nodeModules: string[] }> {
    const hook = path.join(dir, 'record-loads.cjs');
    const record = path.join(mkdtempSync(path.join(dir, 'loads-')), 'loads.json');
    // Preloaded with -r: every require Node sees, and its module list, written at exit.
    writeFileSync(
      hook,
      `const Module = require('node:module');
const load = Module._load;
const requests = [];
Module._load = function (request, parent, isMain) {
  requests.push(request);
  return load.call(this, request, parent, isMain);
};
process.on('exit', () => require('node:fs').writeFileSync(process.env.GWB_LOADS,
  JSON.stringify({ requests, nodeModules: process.moduleLoadList })));
`,
    );
    const child = spawn(process.execPath, ['-r', hook, bin, ...args], {
      env: { ...process.env, GWB_LOADS: record, XDG_CACHE_HOME: userCache },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    const loads = JSON.parse(readFileSync(record, 'utf8')) as {
      requests: string[];
      nodeModules: string[];
    };
    const builtin = new Set(builtinModules);
    const requests = loads.requests.filter((r) => !r.startsWith('node:') && !builtin.has(r));
    return { code, requests, nodeModules: loads.nodeModules };
  }

  it('-version: the launcher and cli.cjs, no deps.cjs, no package', async () => {
    const { code, requests } = await loadsOf(['-version']);
    expect(code).toBe(0);
    expect(requests.map((r) => path.relative(dir, r))).toEqual([
      path.join('bin', 'gwb.cjs'),
      path.join('dist', 'launch.cjs'),
      path.join('dist', 'cli.cjs'),
    ]);
  });

  it('-version does not open stdin (a file stream over /dev/null is Node modules to load)', async () => {
    const { nodeModules } = await loadsOf(['-version']);
    expect(nodeModules).not.toContain('NativeModule internal/fs/streams');
  });

  it('a call: deps.cjs, but not the demo server, gwb mock or the web host', async () => {
    const args = ['-plaintext', '-proto', protoFile, '-connect-timeout', '0.2', '127.0.0.1:1'];
    const { code, requests } = await loadsOf([...args, 't.S/Get']);
    expect(code).not.toBe(0); // nobody listens there: the engine ran the call and it failed
    expect(requests).toContain('./deps.cjs');
    for (const name of ['grpc-health-check', '@grpc/reflection', 'ws']) {
      expect(requests).not.toContain(name);
    }
  });
});
