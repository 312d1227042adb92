// gwb's launcher, bundled to dist/launch.cjs and run by bin/gwb.cjs: loads dist/cli.cjs and, when
// a command needs them, dist/deps.cjs and dist/deps-more.cjs (megabytes of JavaScript between
// them; scripts/cli-bundle.mjs says which package is in which) through V8's code
// cache, so a short command does not parse and compile them again. Node 20 has no
// module.enableCompileCache; this is what v8-compile-cache does, for the files of our dist folder:
// Module.prototype._compile through vm.Script with cachedData, and createCachedData after the run
// (so the cache also holds the functions the command compiled, not only the top level). Each
// command has caches of its own (commandGuess, commandsCached): none reads another's code.
//
// The cache must never hurt: one that is missing, stale (another build or Node), damaged or
// unreadable is ignored and written anew; one that cannot be written (a read-only install) is
// skipped. V8 checks versions, flags and the source's LENGTH, not its content — a cache made from
// other code of the same length runs that code's bytecode — so the key holds a SHA-256 of the
// bundle's content (bundleHash), and each file carries a CRC of its data, as a damaged cache V8
// accepts can crash the process. The CRC is no authentication: a cache is code, and one planted by
// someone else would run as ours. So caches live only beside the bundle (trusted as the bundle
// is; never a symlink) or in the user's cache folder, where the file and its folder must be ours
// and writable by nobody else (isOnlyOurs); never in a shared /tmp. New ones are 0600 in 0700.
// Named imports only: a default import of a builtin makes esbuild copy all its properties.
import { isAscii } from 'node:buffer';
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createRequire, Module } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';
import { crc32 as zlibCrc32 } from 'node:zlib';

/** Marks a gwb code cache file; the number changes whenever the layout does. */
const MAGIC = 'gwb-v8-cache-3';
/**
 * The header: MAGIC, Node, arch, the source's size, mtime and SHA-256, the names of the code the
 * runs behind it used, the data's CRC-32, spaces up to DATA_ALIGNMENT, a newline.
 */
const HEADER_END = 0x0a;
/**
 * Where the V8 data starts in the file, a multiple of this. V8 takes cached data in place only
 * when it is pointer-aligned; anything else it copies first (AlignedCachedData): for a call,
 * 1.8 MB copied into fresh memory, ~450 more page faults. The file is read at offset 0 of a
 * buffer made for reading (ReadBuffer: allocUnsafeSlow, never a slice of Node's pool), so the
 * data's offset in the file is its alignment in memory.
 */
export const DATA_ALIGNMENT = 8;

type LoadJs = (module: Module, filename: string) => unknown;
const extensions = (Module as unknown as { _extensions: Record<string, LoadJs> })._extensions;

/** Node's CommonJS wrapper (Module.wrap), around our bundles' text as the launcher reads it. */
const WRAP_HEAD = Buffer.from('(function (exports, require, module, __filename, __dirname) { ');
const WRAP_TAIL = Buffer.from('\n});');
// zlib.crc32 arrived in Node 20.15; without it there is no cache (slower, never wrong).
const crc32: ((data: Uint8Array) => number) | undefined = zlibCrc32;

/** Gives a buffer of `size` bytes, at offset 0 of its memory (so 8-byte aligned), to read into. */
export type ReadBuffer = (size: number) => Buffer;

/** A new buffer for each read: what the exported readers use unless told otherwise. */
const freshBuffer: ReadBuffer = (size) => Buffer.allocUnsafeSlow(size);

/**
 * One buffer for all the reads of a start, grown when a file does not fit. Each read is done
 * with before the next: a bundle's text becomes a string (a copy), and a cache's data is
 * deserialised by V8 while its Script is made (Node lends it for that call only). A buffer of
 * its own for each file touched fresh memory four times over: ~450 page faults of a call's
 * ~6,200 (cli.cjs, deps.cjs and their caches, 2.7 MB). Its first size is above any bundle's
 * today; memory not read into is never touched.
 */
function reusedBuffer(): ReadBuffer {
  let buffer: Buffer | undefined;
  return (size) => {
    if (!buffer || buffer.length < size) buffer = Buffer.allocUnsafeSlow(Math.max(size, 2 << 20));
    return buffer.subarray(0, size);
  };
}

/** Reads the rest of `fd` into `target` from `at`; the number of bytes read. */
function readFully(fd: number, target: Buffer, at: number, size: number): number {
  let read = 0;
  while (read < size) {
    const n = readSync(fd, target, at + read, size - read, null);
    if (n === 0) break;
    read += n;
  }
  return read;
}

/**
 * A place for the cache of a bundle. `mustBeOurs`: in the user's cache folder, which others may
 * share (sudo keeping HOME, a shared XDG_CACHE_HOME, a CI cache restored from another branch).
 */
export interface CachePlace {
  path: string;
  mustBeOurs: boolean;
}

/**
 * Where the cache of `file` may live: beside it, else in the user's own cache folder. `commands`:
 * the cache is the one of these commands (commandGuess for cli.cjs, commandsCached for deps.cjs),
 * in a file of its own.
 */
export function cachePaths(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  commands?: string,
): CachePlace[] {
  // HOME, not os.homedir(): loading node:os costs every start, and the fallback is rarely used.
  const userCache = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  const name = commands ? `${file}.${commands}` : file;
  // The whole path in the name: two installs of gwb do not share (or fight over) one file.
  const flat = name.replace(/[^A-Za-z0-9.-]+/g, '_').slice(-120);
  const beside = { path: `${name}.v8cache`, mustBeOurs: false };
  if (!userCache) return [beside];
  return [beside, { path: join(userCache, 'gwb', `${flat}.v8cache`), mustBeOurs: true }];
}

/**
 * The commands whose code a bundle loaded after the first (deps.cjs) is cached for: those the
 * first bundle (cli.cjs) has run by then (its `served`, see code-used.ts), or undefined. deps.cjs
 * comes once the command is known, so each command keeps a cache of its own there. One shared
 * cache made every command deserialise what any other ever used: a `gwb list` read the bytecode
 * of zod, which only calls use (~1/3 of the call's deps.cjs cache), and after `gwb demo-server`
 * or `gwb serve` every command read theirs.
 */
function commandsCached(): string | undefined {
  const served = commandsServed();
  return served === '' ? undefined : served;
}

/** The commands cli.cjs ran (its `served`), as one name for a cache file; '' for none. */
function commandsServed(): string {
  const served = (compiled[0]?.module.exports as { served?: unknown } | undefined)?.served;
  if (!(served instanceof Set)) return '';
  const names = [...served].map(String).sort().join('+');
  return names.replace(/[^A-Za-z0-9+-]+/g, '_').slice(0, 80);
}

/**
 * The command a gwb command line will run, told from its words alone: cli.cjs is compiled before
 * it knows, yet each command should read a cache of its own there too — one cache for all made
 * `gwb -version` deserialise the code of every command ever run (~9 M instructions of ~570 M,
 * callgrind) and `list` a call's. '' for a line of flags only (`-version`, `--help`, a usage
 * error); a first word that could be a subcommand's name (`serve`, `demo-server`, `replay`, …);
 * else grpcurl's forms, by their last words: `list`, `describe` or a call (`invoke`). A guess,
 * checked at exit (ranAsGuessed): a wrong one costs that run its cache, never a wrong result,
 * and writes nothing.
 */
export function commandGuess(args: readonly string[]): string {
  const [first] = args;
  if (first === undefined || args.every((arg) => arg.startsWith('-'))) return '';
  if (/^[a-z][a-z-]*$/.test(first)) return first;
  const lastTwo = args.slice(-2);
  if (lastTwo.includes('list')) return 'list';
  if (lastTwo.includes('describe')) return 'describe';
  return 'invoke';
}

/**
 * Whether the run did what its command line was guessed to (commandGuess): only then is cli.cjs's
 * cache for that guess written, so a typo (`gwb serv`) leaves no cache file behind, and a guess
 * that was wrong leaves no other command's code in that command's cache.
 */
function ranAsGuessed(guess: string): boolean {
  return commandsServed() === guess;
}

/**
 * The SHA-256 of the bundle's content. Hashing it at every start costs 1 ms for cli.cjs and 2 ms
 * for deps.cjs (measured, Node 20), plus 3 ms or more to load node:crypto: over the budget. So
 * the build writes it beside the bundle (`<bundle>.sha256`, scripts/cli-bundle.mjs) and we read
 * that. Trusting it is sound because the bundle's folder is trusted as the code itself is
 * (whoever can rewrite the hash can rewrite the bundle), and an upgrade replaces the two together
 * — unlike size and mtime, which npm's tarballs leave equal across versions. The key keeps size
 * and mtime too, so a bundle edited by hand (its hash file left as it was) still misses the old
 * cache. With no hash file (a bundle built another way) we hash `content`.
 */
export function bundleHash(file: string, content: string | Buffer): string {
  try {
    const recorded = readFileSync(`${file}.sha256`, 'latin1').trim();
    if (/^[0-9a-f]{64}$/.test(recorded)) return recorded;
  } catch {
    // No recorded hash: compute it.
  }
  // Loaded only here: node:crypto alone costs milliseconds at start.
  const crypto = createRequire(file)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(content).digest('hex');
}

/** What a cache must have been made from: this file as it is now, by this Node. */
export function sourceKey(file: string, content: string | Buffer): string {
  const stat = statSync(file, { bigint: true });
  const hash = bundleHash(file, content);
  return `${MAGIC} ${process.version} ${process.arch} ${stat.size} ${stat.mtimeNs} sha256=${hash}`;
}

/**
 * Whether a file or folder in the user's cache folder is one only we could have written: ours
 * (the effective uid) and writable by nobody else. Without uids (Windows) we cannot tell: no.
 */
function isOnlyOurs(stat: Stats): boolean {
  return (
    process.geteuid !== undefined && stat.uid === process.geteuid() && (stat.mode & 0o022) === 0
  );
}

/** Whether `folder` (lstat: not a symlink) is a real folder only we can write into. */
function folderIsOurs(folder: string): boolean {
  try {
    const stat = lstatSync(folder);
    return stat.isDirectory() && isOnlyOurs(stat);
  } catch {
    return false;
  }
}

/**
 * The bytes of the cache file at `place`, or undefined: not there, a symlink (opened with
 * O_NOFOLLOW, so no swap after a check), not a regular file, or, in the user's cache folder, not
 * ours alone (nor its folder).
 */
function readCacheFile(place: CachePlace, into: ReadBuffer): Buffer | undefined {
  if (place.mustBeOurs && !folderIsOurs(dirname(place.path))) return undefined;
  let fd: number;
  try {
    fd = openSync(place.path, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || (place.mustBeOurs && !isOnlyOurs(stat))) return undefined;
    const bytes = into(stat.size);
    return bytes.subarray(0, readFully(fd, bytes, 0, stat.size));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * A cache file's V8 data and the names of the code the runs behind it used (`used`): our files
 * they loaded, the packages deps.cjs served them and the commands cli.cjs ran (each bundle's
 * `served`); and how many of our files the run that wrote it loaded (`loadedFiles`).
 */
export interface CacheHit {
  data: Buffer;
  used: ReadonlySet<string>;
  loadedFiles: number;
  /** The data's CRC-32: which cache this is. */
  crc: number;
}

/**
 * The cache at `place` if it was made for `key`, or undefined (missing, stale, damaged, foreign).
 * Its data is in `into`'s buffer: with a reused one, only until the next read.
 */
export function readCache(
  place: CachePlace,
  key: string,
  into: ReadBuffer = freshBuffer,
): CacheHit | undefined {
  if (!crc32) return undefined;
  const bytes = readCacheFile(place, into);
  if (!bytes) return undefined;
  const end = bytes.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const header = bytes.subarray(0, end).toString('latin1');
  const data = bytes.subarray(end + 1);
  const match = /^(.*?)(?: used=(\S*))? files=(\d+) crc=(\d+) *$/.exec(header);
  if (match?.[1] !== key || Number(match[4]) !== crc32(data)) return undefined;
  const used = new Set((match[2] ?? '').split(',').filter((name) => name !== ''));
  return { data, used, loadedFiles: Number(match[3]), crc: Number(match[4]) };
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Its folder is not there, or not a folder: nothing was left behind.
  }
}

/**
 * Makes the folder of a cache in the user's cache folder (0700), or finds it there; false when it
 * is not ours alone (we would not read a cache from it either).
 */
function prepareFolder(place: CachePlace): boolean {
  const folder = dirname(place.path);
  if (!place.mustBeOurs) return true; // the bundle's own folder
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folderIsOurs(folder);
}

/** Writes the cache whole or not at all (a rename), to the first place that takes it. */
export function writeCache(
  places: readonly CachePlace[],
  key: string,
  data: Buffer,
  loadedFiles: number,
  used: Iterable<string> = [],
): void {
  if (!crc32) return;
  const names = [...used].sort().join(',');
  const line = `${key} used=${names} files=${loadedFiles} crc=${crc32(data)}`;
  // Padded so that the data after the newline starts at a multiple of DATA_ALIGNMENT.
  const padded = Math.ceil((line.length + 1) / DATA_ALIGNMENT) * DATA_ALIGNMENT - 1;
  const header = Buffer.from(`${line.padEnd(padded, ' ')}\n`, 'latin1');
  for (const place of places) {
    const temporary = `${place.path}.${process.pid}.tmp`;
    let writing = false;
    try {
      if (!prepareFolder(place)) continue;
      removeStaleTemporaries(dirname(place.path));
      writing = true;
      // 'wx': a file (or symlink) already at the temporary name is not written through.
      writeFileSync(temporary, Buffer.concat([header, data]), { mode: 0o600, flag: 'wx' });
      renameSync(temporary, place.path);
      return;
    } catch (error) {
      // EEXIST: the file at that name is not ours (a leftover, or a process of the same number in
      // another PID namespace sharing the folder, mid-write): leave it.
      if (writing && (error as NodeJS.ErrnoException).code !== 'EEXIST') removeQuietly(temporary);
    }
  }
}

/** A cache's temporary file (`<cache>.<pid>.tmp`), and the age past which no write is still at it. */
const TEMPORARY_NAME = /\.v8cache\.\d+\.tmp$/;
const STALE_TEMPORARY_MS = 60_000;

/**
 * Removes the temporary files in `folder` of cache writes cut short (the process killed, the
 * machine off, between the write and the rename): nothing else ever would. A write takes
 * milliseconds, so one older than a minute is no process's any more.
 */
function removeStaleTemporaries(folder: string): void {
  const staleBefore = Date.now() - STALE_TEMPORARY_MS;
  for (const name of readdirSync(folder)) {
    if (!TEMPORARY_NAME.test(name)) continue;
    const file = join(folder, name);
    try {
      if (lstatSync(file).mtimeMs < staleBefore) removeQuietly(file);
    } catch {
      // Gone meanwhile (renamed by its writer, or removed by another sweep).
    }
  }
}

/** One of our files this process compiled, and whether its cache should be written at exit. */
interface Compiled {
  script: Script;
  module: Module;
  places: CachePlace[];
  key: string;
  /** cli.cjs: the command its cache was chosen for (commandGuess); the others: undefined. */
  guess: string | undefined;
  /** The code the runs behind its cache used (CacheHit.used); undefined: no usable cache. */
  cacheUsed: ReadonlySet<string> | undefined;
  /** The CRC of the cache file found at start (used or refused by V8); undefined: none. */
  cacheFound: number | undefined;
}

const compiled: Compiled[] = [];

/**
 * The names of the code this run used: our files it loaded, and what each of them served (its
 * `served` Set: the packages deps.cjs handed out, see scripts/cli-bundle.mjs; the commands
 * cli.cjs ran, see app/cli/code-used.ts).
 */
function codeUsed(): Set<string> {
  const used = new Set<string>();
  for (const { module } of compiled) {
    used.add(basename(module.filename));
    const served = (module.exports as { served?: unknown } | undefined)?.served;
    if (served instanceof Set) for (const name of served) used.add(String(name));
  }
  return used;
}

/**
 * At exit, so a cache holds what the command compiled beyond the top level. A file's cache is
 * written when it had none, and again when this run used code the runs behind it did not: one
 * of our files (`gwb -version` wrote it; now a call also needed deps.cjs), a package (`gwb list`
 * wrote it; now a call also needs the text format) or a command (a call's cache, now `list`).
 * Names, not counts: a call may use more packages than `list`, yet not list's own code. The new
 * cache holds what the old one gave this run plus what it compiled, and the names of both, so
 * each command adds its code and the caches soon stop changing — one command's cache never
 * leaves another's code to compile on every start.
 */
function writeCachesAtExit(): void {
  const used = codeUsed();
  for (const entry of compiled) {
    if (entry.guess !== undefined && !ranAsGuessed(entry.guess)) continue;
    const known = entry.cacheUsed;
    if (known && [...used].every((name) => known.has(name))) continue;
    if (replacedSinceStart(entry)) continue;
    const names = new Set([...(known ?? []), ...used]);
    writeCache(entry.places, entry.key, entry.script.createCachedData(), compiled.length, names);
  }
}

/**
 * Whether another gwb wrote this file's cache while this one ran: a long-running command (`gwb
 * demo-server`, `gwb serve`) started before the calls that grew the cache, and its cache holds
 * its own code and what the cache it started from held. Writing it at exit threw their code away
 * (the next call compiled it all again, and the bench's demo server did this after every run);
 * kept, the next run of this command starts from theirs and adds its own. Read only when this
 * run would write, which is rare.
 */
function replacedSinceStart(entry: Compiled): boolean {
  for (const place of entry.places) {
    const now = readCache(place, entry.key);
    if (now) return now.crc !== entry.cacheFound;
  }
  return false;
}

/**
 * The module's text inside Node's wrapper, read with one copy. Node would read the file as UTF-8
 * (decoded into V8's heap) and join it to the wrapper, a string V8 then copies again to compile:
 * megabytes twice over, for deps.cjs. Our bundles are ASCII (esbuild escapes the rest), so the
 * bytes are read beside the wrapper's and taken as Latin-1, which Node keeps outside V8's heap
 * for a text this large; anything else is decoded as UTF-8, as Node would.
 */
export function readWrapped(
  filename: string,
  into: ReadBuffer = freshBuffer,
): { source: string; content: Buffer } {
  const fd = openSync(filename, 'r');
  try {
    const size = fstatSync(fd).size;
    const all = into(WRAP_HEAD.length + size + WRAP_TAIL.length);
    WRAP_HEAD.copy(all, 0);
    const end = WRAP_HEAD.length + readFully(fd, all, WRAP_HEAD.length, size);
    WRAP_TAIL.copy(all, end);
    const wrapped = all.subarray(0, end + WRAP_TAIL.length);
    const content = all.subarray(WRAP_HEAD.length, end);
    return { source: wrapped.toString(isAscii(wrapped) ? 'latin1' : 'utf8'), content };
  } finally {
    closeSync(fd);
  }
}

/** The reads of this start's bundles and caches (see reusedBuffer). */
const startReads = reusedBuffer();

/** Compiles and runs one CommonJS module as Node would, through its code cache. */
function compileCached(module: Module, filename: string): unknown {
  // `content` is startReads' until the cache is read: the key is made before.
  const { source, content } = readWrapped(filename, startReads);
  const key = sourceKey(filename, content);
  // cli.cjs, the first: the cache of the command the command line names; deps.cjs and
  // deps-more.cjs: of the commands cli.cjs has run by the time it asks for them.
  const guess = compiled.length === 0 ? commandGuess(process.argv.slice(2)) : undefined;
  const commands = guess === undefined ? commandsCached() : guess || undefined;
  const places = cachePaths(filename, process.env, commands);
  let hit: CacheHit | undefined;
  for (const place of places) if ((hit = readCache(place, key, startReads))) break;
  const script = new Script(source, {
    filename,
    ...(hit ? { cachedData: hit.data } : {}),
    // The bundles turn import() into require(); any left behaves as in a module Node loaded.
    ...(vmConstants
      ? { importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
      : {}),
  });
  const cacheUsed = hit && !script.cachedDataRejected ? hit.used : undefined;
  if (compiled.length === 0) process.once('exit', writeCachesAtExit);
  compiled.push({ script, module, places, key, guess, cacheUsed, cacheFound: hit?.crc });
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
  // Node loads a .cjs file with its '.js' loader; ours are read and compiled here instead.
  const loadJs = extensions['.js'] as LoadJs;
  extensions['.js'] = function (module, filename) {
    if (dirname(filename) !== dir) return loadJs.call(this, module, filename);
    return compileCached(module, filename);
  };
  createRequire(bundle)(bundle);
}
