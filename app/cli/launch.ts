// gwb's launcher, bundled to dist/launch.cjs and run by bin/gwb.cjs: loads dist/cli.cjs and, when
// a command needs it, dist/deps.cjs (megabytes of JavaScript between them) through V8's code
// cache, so a short command does not parse and compile them again. Node 20 has no
// module.enableCompileCache; this is what v8-compile-cache does, for the files of our dist folder:
// Module.prototype._compile through vm.Script with cachedData, and createCachedData after the run
// (so the cache also holds the functions the command compiled, not only the top level).
//
// The cache must never hurt: one that is missing, stale (another build or Node), damaged or
// unreadable is ignored and written anew; one that cannot be written (a read-only install) is
// skipped. V8 checks versions and flags but not every byte — a damaged cache it accepts can crash
// the process — so each file carries a CRC of its data. Only the bundle's own folder or the
// user's cache folder hold caches, never a shared /tmp: a cache is code, and one planted by
// someone else would run as ours.
// Named imports only: a default import of a builtin makes esbuild copy all its properties.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module, wrap } from 'node:module';
import { dirname, join } from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';
import { crc32 as zlibCrc32 } from 'node:zlib';

/** Marks a gwb code cache file; the number changes whenever the layout does. */
const MAGIC = 'gwb-v8-cache-1';
/**
 * The header: MAGIC, Node, arch, the source's size and mtime, how much of our code the run that
 * wrote it used, the data's CRC-32, a newline.
 */
const HEADER_END = 0x0a;

type Compile = (this: Module, content: string, filename: string) => unknown;
const moduleProto = Module.prototype as unknown as { _compile: Compile };
// zlib.crc32 arrived in Node 20.15; without it there is no cache (slower, never wrong).
const crc32: ((data: Uint8Array) => number) | undefined = zlibCrc32;

/** Where the cache of `file` may live: beside it, else in the user's own cache folder. */
export function cachePaths(file: string, env: NodeJS.ProcessEnv = process.env): string[] {
  // HOME, not os.homedir(): loading node:os costs every start, and the fallback is rarely used.
  const userCache = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  // The whole path in the name: two installs of gwb do not share (or fight over) one file.
  const flat = file.replace(/[^A-Za-z0-9.-]+/g, '_').slice(-120);
  const beside = `${file}.v8cache`;
  return userCache ? [beside, join(userCache, 'gwb', `${flat}.v8cache`)] : [beside];
}

/** What a cache must have been made from: this file as it is now, by this Node. */
export function sourceKey(file: string): string {
  const stat = statSync(file, { bigint: true });
  return `${MAGIC} ${process.version} ${process.arch} ${stat.size} ${stat.mtimeNs}`;
}

/**
 * A cache file's V8 data and how much of our code the run that wrote it used: our files it
 * loaded plus the packages deps.cjs served it (`used`), and the files alone (`loadedFiles`).
 */
export interface CacheHit {
  data: Buffer;
  used: number;
  loadedFiles: number;
}

/** The cache in `file` if it was made for `key`, or undefined (missing, stale or damaged). */
export function readCache(file: string, key: string): CacheHit | undefined {
  if (!crc32) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const end = bytes.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const header = bytes.subarray(0, end).toString('latin1');
  const data = bytes.subarray(end + 1);
  const match = /^(.*?)(?: used=(\d+))? files=(\d+) crc=(\d+)$/.exec(header);
  if (match?.[1] !== key || Number(match[4]) !== crc32(data)) return undefined;
  const loadedFiles = Number(match[3]);
  return { data, used: match[2] === undefined ? loadedFiles : Number(match[2]), loadedFiles };
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Its folder is not there, or not a folder: nothing was left behind.
  }
}

/** Writes the cache whole or not at all (a rename), to the first place that takes it. */
export function writeCache(
  files: readonly string[],
  key: string,
  data: Buffer,
  loadedFiles: number,
  used = loadedFiles,
): void {
  if (!crc32) return;
  const header = Buffer.from(
    `${key} used=${used} files=${loadedFiles} crc=${crc32(data)}\n`,
    'latin1',
  );
  for (const file of files) {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(temporary, Buffer.concat([header, data]));
      renameSync(temporary, file);
      return;
    } catch {
      removeQuietly(temporary);
    }
  }
}

/** One of our files this process compiled, and whether its cache should be written at exit. */
interface Compiled {
  script: Script;
  module: Module;
  files: string[];
  key: string;
  /** How much of our code the run behind its cache used (CacheHit.used); -1: no usable cache. */
  cacheUsed: number;
}

const compiled: Compiled[] = [];

/** The packages deps.cjs served this run (its `served`, see scripts/cli-bundle.mjs). */
function packagesServed(): number {
  let count = 0;
  for (const { module } of compiled) {
    const served = (module.exports as { served?: unknown } | undefined)?.served;
    if (served instanceof Set) count += served.size;
  }
  return count;
}

/**
 * At exit, so a cache holds what the command compiled beyond the top level. A file's cache is
 * written when it had none, and again when this run used more of our code than the run that
 * wrote it: more of our files (`gwb -version` wrote it; now a call also needed deps.cjs) or more
 * packages (`gwb list` wrote it; now a call also needs the text format). The new cache holds
 * what the old one gave this run plus what it compiled, so each bigger command adds its code and
 * the caches soon stop changing — one command's cache never leaves another's code to compile.
 */
function writeCachesAtExit(): void {
  const used = compiled.length + packagesServed();
  for (const entry of compiled) {
    if (entry.cacheUsed < used) {
      writeCache(entry.files, entry.key, entry.script.createCachedData(), compiled.length, used);
    }
  }
}

/** Compiles and runs one CommonJS module as Node would, through its code cache. */
function compileCached(module: Module, content: string, filename: string): unknown {
  const key = sourceKey(filename);
  const files = cachePaths(filename);
  let hit: CacheHit | undefined;
  for (const file of files) if ((hit = readCache(file, key))) break;
  const script = new Script(wrap(content), {
    filename,
    ...(hit ? { cachedData: hit.data } : {}),
    // The bundles turn import() into require(); any left behaves as in a module Node loaded.
    ...(vmConstants
      ? { importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
      : {}),
  });
  const cacheUsed = hit && !script.cachedDataRejected ? hit.used : -1;
  if (compiled.length === 0) process.once('exit', writeCachesAtExit);
  compiled.push({ script, module, files, key, cacheUsed });
  const run = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
  const folder = dirname(filename);
  return run.call(
    module.exports,
    module.exports,
    createRequire(filename),
    module,
    filename,
    folder,
  );
}

/** Requires the CommonJS bundle `bundle`; it and the files beside it load through the cache. */
export function launch(bundle: string): void {
  const dir = dirname(bundle);
  const compile = moduleProto._compile;
  moduleProto._compile = function (content, filename) {
    return dirname(filename) === dir
      ? compileCached(this, content, filename)
      : compile.call(this, content, filename);
  };
  createRequire(bundle)(bundle);
}
