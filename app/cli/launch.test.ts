import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildGwb } from './built-gwb.testkit.js';
import { cachePaths, commandGuess } from './launch.js';
import { SUBCOMMAND_ENTRIES } from './subcommands.js';

// The real gwb (bin/gwb.cjs → dist/launch.cjs → dist/cli.cjs, dist/deps.cjs) and its V8 code
// cache: written on the first run, used after, and never a reason to fail — a damaged, stale,
// foreign or unwritable cache is ignored.
let dir: string;
let bin: string;
let dist: string;
let userCache: string;
/** cli.cjs's cache for a command line of flags only (-version); each command has its own. */
const cliCache = (): string => path.join(dist, 'cli.cjs.v8cache');
/** The caches of cli.cjs and of deps.cjs for `list`, which these tests load deps.cjs with. */
const cliListCache = (): string => path.join(dist, 'cli.cjs.list.v8cache');
const depsCache = (): string => path.join(dist, 'deps.cjs.list.v8cache');
const depsCaches = (): string[] =>
  readdirSync(dist).filter((name) => name.startsWith('deps.cjs') && name.endsWith('.v8cache'));
const allCaches = (): string[] => readdirSync(dist).filter((name) => name.endsWith('.v8cache'));
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
  for (const name of allCaches()) rmSync(path.join(dist, name), { recursive: true, force: true });
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

/** A cache file's header line (without the spaces that align the data) and its V8 data. */
function cacheParts(file: string): { header: string; data: Buffer } {
  const bytes = readFileSync(file);
  const end = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, end).toString('latin1').trimEnd();
  return { header, data: bytes.subarray(end + 1) };
}

describe('the code cache of the gwb bundles', () => {
  it('is written beside the bundle on the first run and used, unchanged, after', async () => {
    expect(await gwb('-version')).toMatchObject(VERSION);
    const written = readFileSync(cliCache());
    expect(cacheParts(cliCache()).header).toMatch(/ files=1 crc=\d+$/);
    // -version never needs the dependencies, so never loads (or caches) deps.cjs.
    expect(depsCaches()).toEqual([]);
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(readFileSync(cliCache()).equals(written)).toBe(true);
  });

  it("is one per command: list writes its own (with deps.cjs's), -version's stays", async () => {
    await gwb('-version');
    const version = readFileSync(cliCache());
    const list = await gwb('-proto', protoFile, 'list');
    expect(list).toMatchObject({ code: 0, stdout: 't.S\n' });
    // Three files: cli.cjs, deps.cjs and deps-more.cjs (protobufjs, for -proto).
    expect(cacheParts(cliListCache()).header).toMatch(/ used=\S*list\S* files=3 crc=\d+$/);
    expect(cacheParts(depsCache()).header).toMatch(/ files=3 crc=\d+$/);
    expect(readFileSync(cliCache()).equals(version)).toBe(true);
    const [cli, deps] = [readFileSync(cliListCache()), readFileSync(depsCache())];
    expect(await gwb('-proto', protoFile, 'list')).toMatchObject({ code: 0, stdout: 't.S\n' });
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(readFileSync(cliListCache()).equals(cli)).toBe(true);
    expect(readFileSync(depsCache()).equals(deps)).toBe(true);
    expect(readFileSync(cliCache()).equals(version)).toBe(true);
  });

  it('is not written by a run that did not do what its command line was taken for', async () => {
    // `serv` could be a subcommand's name, but is none: a usage error, and no cache file for it.
    expect(await gwb('serv')).toMatchObject({ code: 2 });
    // Taken for a call by its last words; too many of them: a usage error before any command.
    expect(await gwb('-plaintext', '127.0.0.1:1', 't.S/Get', 'more', 'words')).toMatchObject({
      code: 2,
    });
    expect(allCaches()).toEqual([]);
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
    expect(cacheParts(cliCache()).header).toMatch(/^gwb-v8-cache-3 /);
  });

  it('falls back to the user cache folder when the bundle folder cannot take one', async () => {
    mkdirSync(cliCache()); // in the way: the cache cannot be written (nor read) there
    expect(await gwb('-version')).toMatchObject(VERSION);
    const fallback = userCacheFile();
    const written = readFileSync(fallback);
    // Only we can read or replace it: 0600 in a 0700 folder.
    expect(lstatSync(fallback).mode & 0o777).toBe(0o600);
    expect(lstatSync(path.dirname(fallback)).mode & 0o777).toBe(0o700);
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(readFileSync(fallback).equals(written)).toBe(true);
  });

  it('runs when no cache can be written anywhere', async () => {
    for (const cache of [cliCache(), cliListCache(), depsCache()]) mkdirSync(cache);
    writeFileSync(userCache, 'a file where the cache folder would be');
    expect(await gwb('-version')).toMatchObject(VERSION);
    expect(await gwb('-proto', protoFile, 'list')).toMatchObject({ code: 0, stdout: 't.S\n' });
  });
});

describe('the command a command line is taken for, to choose its cache of cli.cjs', () => {
  it.each([
    [[], ''],
    [['-version'], ''],
    [['--help'], ''],
    [['-h'], ''],
    [['demo-server', '--port', '0'], 'demo-server'],
    [['replay', 'rec.ndjson', '--target', 'h:1'], 'replay'],
    [['-plaintext', 'localhost:50051', 'list'], 'list'],
    [['-plaintext', 'localhost:50051', 'list', 'example.UserService'], 'list'],
    [['-proto', 'a.proto', 'describe', 'example.User'], 'describe'],
    [['-plaintext', '-d', '{"id":"1"}', 'h:1', 'example.UserService/GetUser'], 'invoke'],
    [['localhost:50051', 'example.UserService.GetUser'], 'invoke'],
  ])('%j: %j', (args, command) => {
    expect(commandGuess(args)).toBe(command);
  });

  // A subcommand whose name the guess does not give back (a digit, say) would never get a cache.
  it.each(SUBCOMMAND_ENTRIES.map((entry) => entry.name))(
    'takes `%s ...` for that command',
    (name) => {
      expect(commandGuess([name, 'x', '--flag'])).toBe(name);
    },
  );
});

/** Where gwb keeps cli.cjs's cache in the user's cache folder. */
function userCacheFile(): string {
  const places = cachePaths(path.join(dist, 'cli.cjs'), { XDG_CACHE_HOME: userCache });
  return places[1]!.path;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
/** npm's tarballs give every file one mtime: a new version of a bundle keeps the old one's. */
const NPM_MTIME = new Date('1985-10-26T08:15:00Z');
const FORGED = 'gwb 6.6.6-forged\n';

/**
 * Puts `source` in place of cli.cjs (and its recorded hash, as a build or upgrade does), with
 * npm's one mtime; returns what to call to put the real bundle back, with that same mtime.
 */
function replaceBundle(source: string): () => void {
  const bundle = path.join(dist, 'cli.cjs');
  const [real, realHash] = [readFileSync(bundle), readFileSync(`${bundle}.sha256`)];
  const put = (content: Buffer | string, hash: Buffer | string): void => {
    writeFileSync(bundle, content);
    writeFileSync(`${bundle}.sha256`, hash);
    utimesSync(bundle, NPM_MTIME, NPM_MTIME);
  };
  put(source, `${sha256(source)}\n`);
  return () => put(real, realHash);
}

/** A source of cli.cjs's exact size (and length) that prints FORGED instead of gwb's version. */
function sameSizeForgery(): string {
  const size = statSync(path.join(dist, 'cli.cjs')).size;
  const statement = `process.stdout.write(${JSON.stringify(FORGED)});`;
  return statement + ' '.repeat(size - statement.length);
}

/** V8 data made by the real launcher from the forgery: what an attacker could plant as a cache. */
async function forgedCacheData(): Promise<Buffer> {
  const restore = replaceBundle(sameSizeForgery());
  try {
    expect(await gwb('-version')).toMatchObject({ code: 0, stdout: FORGED });
    return cacheParts(cliCache()).data;
  } finally {
    restore();
    rmSync(cliCache(), { recursive: true, force: true });
  }
}

/**
 * The forged V8 data under the real bundle's key, with a right CRC, at `file` (0600, ours): only
 * the launcher's trust checks stand between it and running.
 */
async function plantForgedCache(data: Buffer, file: string): Promise<void> {
  await gwb('-version'); // a genuine cache (here or in the user folder): its header has the key
  const genuine = existsSync(file) ? file : cliCache();
  const key = cacheParts(genuine).header.replace(/ used=.*$/, '');
  rmSync(file, { force: true });
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`${key} used=1 files=1 crc=${crc32(data)}\n`), data]),
    {
      mode: 0o600,
    },
  );
}

describe('a code cache that is not of this exact bundle, or not only ours, never runs', () => {
  it('a cache made from another source of the same size and mtime (an npm upgrade) is ignored', async () => {
    await forgedCacheData(); // the forgery ran, and its cache was written beside it
    const restore = replaceBundle(sameSizeForgery());
    expect(await gwb('-version')).toMatchObject({ code: 0, stdout: FORGED });
    restore(); // the "upgrade": same size, same mtime, other content, the old cache still there
    expect(cacheParts(cliCache()).header).toMatch(/ crc=\d+$/);
    expect(await gwb('-version')).toMatchObject(VERSION);
  });

  it('the same without a recorded hash: the launcher hashes the bundle itself', async () => {
    const restore = replaceBundle(sameSizeForgery());
    rmSync(path.join(dist, 'cli.cjs.sha256'));
    expect(await gwb('-version')).toMatchObject({ code: 0, stdout: FORGED });
    restore();
    rmSync(path.join(dist, 'cli.cjs.sha256'));
    try {
      expect(await gwb('-version')).toMatchObject(VERSION);
    } finally {
      restore();
    }
  });

  describe('in the user cache folder', () => {
    let forged: Buffer;
    beforeEach(async () => {
      forged = await forgedCacheData();
      mkdirSync(cliCache()); // in the way: gwb reads and writes the user cache folder's
      await plantForgedCache(forged, userCacheFile());
    });

    it('is used when it is ours alone (what the checks below stand against)', async () => {
      expect(await gwb('-version')).toMatchObject({ code: 0, stdout: FORGED });
    });

    it('is ignored when others may write it', async () => {
      chmodSync(userCacheFile(), 0o606);
      expect(await gwb('-version')).toMatchObject(VERSION);
      await plantForgedCache(forged, userCacheFile());
      chmodSync(userCacheFile(), 0o620);
      expect(await gwb('-version')).toMatchObject(VERSION);
    });

    it('is ignored when others may write its folder', async () => {
      chmodSync(path.dirname(userCacheFile()), 0o777);
      expect(await gwb('-version')).toMatchObject(VERSION);
    });

    // Only root can give a file away (CI runs as root); elsewhere scripts/test.sh sets
    // GWB_NOT_ROOT=1, which reports this test as skipped, by name, in the summary.
    it.skipIf(process.env.GWB_NOT_ROOT === '1')(
      'is ignored when another user owns it (as root: nobody)',
      async () => {
        expect(process.geteuid?.(), 'run as root or set GWB_NOT_ROOT=1').toBe(0);
        chownSync(userCacheFile(), 65534, 65534);
        expect(await gwb('-version')).toMatchObject(VERSION);
        await plantForgedCache(forged, userCacheFile());
        chownSync(path.dirname(userCacheFile()), 65534, 65534);
        expect(await gwb('-version')).toMatchObject(VERSION);
      },
    );

    it('is ignored when it is a symlink (to a cache that would be used)', async () => {
      const elsewhere = path.join(dir, 'elsewhere.v8cache');
      writeFileSync(elsewhere, readFileSync(userCacheFile()), { mode: 0o600 });
      rmSync(userCacheFile());
      symlinkSync(elsewhere, userCacheFile());
      expect(await gwb('-version')).toMatchObject(VERSION);
    });

    it('is ignored when its folder is a symlink (to a folder that would be used)', async () => {
      const folder = path.dirname(userCacheFile());
      const elsewhere = path.join(dir, 'elsewhere-folder');
      rmSync(elsewhere, { recursive: true, force: true });
      renameSync(folder, elsewhere);
      symlinkSync(elsewhere, folder);
      expect(await gwb('-version')).toMatchObject(VERSION);
    });
  });

  it('beside the bundle: a symlink is ignored', async () => {
    const forged = await forgedCacheData();
    const elsewhere = path.join(dir, 'elsewhere-beside.v8cache');
    await plantForgedCache(forged, cliCache());
    expect(await gwb('-version')).toMatchObject({ code: 0, stdout: FORGED }); // a real file: used
    writeFileSync(elsewhere, readFileSync(cliCache()), { mode: 0o600 });
    rmSync(cliCache());
    symlinkSync(elsewhere, cliCache());
    expect(await gwb('-version')).toMatchObject(VERSION);
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

  it('-version does not load node:crypto (the bundle hash is read from the build, not computed)', async () => {
    const { nodeModules } = await loadsOf(['-version']);
    expect(nodeModules).not.toContain('NativeModule crypto');
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
