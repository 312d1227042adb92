// The recordings folder: ids (paths relative to it) turned into files that cannot lie outside it,
// new file names per method, and summaries from each recording's index (cached by its file's size
// and mtime, so a listing does not re-read unchanged files). A file of several recordings (`gwb
// proxy`'s `*.recordings`) is listed as each of them, `FILE.recordings#N` (main/recording's
// address of one recording, which every reader takes).

import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { CommandError } from '../../shared/contract/errors.js';
import type { Output } from '../../shared/contract/index.js';
import { packedRecordingId } from '../../shared/recording/recording-id.js';
import {
  buildPackedIndexes,
  buildRecordingIndex,
  HOLDS_NO_RECORDING,
  recordingAddress,
  RecordingError,
  packedRecordingSpan,
  recordingStarts,
  splitAddress,
  type PackedRecordingSpan,
  type RecordingIndex,
} from '../recording/index.js';

export type RecordingSummary = Output<'recording.list'>['recordings'][number];

export interface RecordingsStore {
  readonly dir: string;
  /**
   * Where the recording of an id is: its file, or `FILE#N` (one of a file of several); refuses
   * anything that resolves outside the folder.
   */
  fileOf(id: string): string;
  /** fileOf, for a recording that is there: not_found (naming the id) when it is not. */
  existing(id: string): string;
  idOf(file: string): string;
  /** A fresh file for a new recording of `method` (`/pkg.Svc/M`); its folder is created. */
  newFile(method: string, suffix?: string): string;
  /** Every recording file (and file of several), newest first by name. */
  files(): string[];
  /**
   * The recordings of a file of files(), newest first: the file, or each `FILE#N` of a file of
   * several. Throws (a RecordingError naming the file) when a file of several cannot be read.
   */
  recordingsOf(file: string): string[];
  index(file: string): Promise<RecordingIndex>;
  summary(file: string): Promise<RecordingSummary>;
  /** Caches the index a recorder kept while writing the (now closed) file. */
  remember(file: string, index: RecordingIndex): void;
  forget(file: string): void;
  /**
   * What indexing has cost so far, for the tests that say so: recordings indexed, and reads
   * through files to do it (one pass over a file of several indexes many).
   */
  readonly indexed: { recordings: number; passes: number };
}

/** A recording's index as cached with its key, or why it cannot be read (a file of several's). */
type CachedIndex = { key: string; index: RecordingIndex } | { key: string; error: Error };

const MAX_DEPTH = 4;
/** `gwb proxy`'s files of several recordings (main/recording's RecordingPack). */
const PACK_SUFFIX = '.recordings';

/** Bytes of a recording: its file's, or its part of a file of several. */
function recordingSize(address: string): number {
  const span = packedRecordingSpan(address);
  return span ? span.end - span.start : statSync(address).size;
}

/**
 * The folders a recording of `method` (`/pkg.Svc/M`) goes in: `pkg.Svc/M`. The method comes from
 * recordings' headers, which an imported file controls (`/../..` passes the header's pattern), so
 * every segment is made a plain name (no empty segment, no leading dot, no separator), two levels
 * (service and method), which files() also finds.
 */
export function methodFolders(method: string): [string, string] {
  const parts = method
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(/[^A-Za-z0-9_.-]/g, '_'))
    // A leading dot: `.` and `..` would leave the folder, and files() skips hidden names.
    .map((s) => s.replace(/^\.+/, (dots) => '_'.repeat(dots.length)));
  const service = parts.length > 1 ? parts.slice(0, -1).join('_') : '_';
  return [service, parts.at(-1) ?? '_'];
}

export function createRecordingsStore(dir: string): RecordingsStore {
  const root = path.resolve(dir);
  const cache = new Map<string, CachedIndex>();
  /**
   * Per file of several: the stat it was last brought up to date at, and that pass (how many
   * recordings the file held).
   */
  const packs = new Map<string, { statKey: string; pass: Promise<number> }>();
  const indexed = { recordings: 0, passes: 0 };

  function fileOf(id: string): string {
    const packed = packedRecordingId(id);
    const file = path.resolve(root, packed?.file ?? id);
    if (!file.startsWith(root + path.sep))
      throw new CommandError(
        'invalid_input',
        `recording id "${id}" is outside the recordings folder`,
        { id },
      );
    return packed ? recordingAddress(file, packed.n) : file;
  }

  function existing(id: string): string {
    const address = fileOf(id);
    const file = splitAddress(address)?.path ?? address;
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      throw new CommandError('not_found', `no recording ${id}`, { id });
    }
    if (file === address) return address;
    const count = recordingStarts(file).offsets.length;
    const n = packedRecordingId(id)?.n ?? 0;
    if (n > count)
      throw new CommandError(
        'not_found',
        `no recording ${id}: ${idOf(file)} holds ${count === 1 ? '1 recording' : `${count} recordings`}`,
        { id, count },
      );
    return address;
  }

  function idOf(file: string): string {
    return path.relative(root, file).split(path.sep).join('/');
  }

  /**
   * The index of a recording, cached by its file's size and mtime; one of a file of several by
   * where its bytes are in the file and what its first and last bytes are: such a file is only
   * appended to (a proxy may be doing it while we list), which leaves the recordings before the
   * end as they were, and changes its mtime and ctime each time. A file rewritten in place (the
   * same inode, `cp` over it) keeps the spans yet not the bytes: a recording's header holds its
   * own start time, so its bytes tell it from another recording at the same place.
   */
  async function index(file: string): Promise<RecordingIndex> {
    const packed = splitAddress(file);
    let stat;
    try {
      stat = statSync(packed?.path ?? file);
    } catch {
      throw new CommandError('not_found', `no recording ${idOf(file)}`, { id: idOf(file) });
    }
    if (packed) return packedIndex(file, packed, stat);
    const key = `${stat.size}:${stat.mtimeMs}`;
    const cached = cache.get(file);
    if (cached?.key === key && 'index' in cached) return cached.index;
    const built = await buildRecordingIndex(file);
    indexed.recordings++;
    indexed.passes++;
    cache.set(file, { key, index: built });
    return built;
  }

  /**
   * The index of `FILE#N`: its file brought up to date first when the file changed since (its
   * recordings not cached as they are now indexed in one pass over the file, from the first of
   * them to the end), one pass at a time per file: a pass starts when the one before it ended, so
   * the last to end read the newest bytes (a pass over the old bytes of a file replaced as it was
   * read would otherwise put their indexes back, under the file's new stat, for good).
   */
  async function packedIndex(
    address: string,
    { path, number }: { path: string; number: string },
    stat: Stats,
  ): Promise<RecordingIndex> {
    const statKey = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
    let pack = packs.get(path);
    if (pack?.statKey !== statKey) {
      const before = pack?.pass.catch(() => 0) ?? Promise.resolve(0);
      const started = { statKey, pass: before.then(() => refreshPack(path, stat)) };
      packs.set(path, started);
      // Forgotten when it failed, unless a newer pass has taken its place.
      started.pass.catch(() => packs.get(path) === started && packs.delete(path));
      pack = started;
    }
    const count = await pack.pass;
    // A recording past the file's end when it was brought up to date (a bad N, or one of a file
    // rewritten shorter) is not served from the cache: resolving it says what the file holds.
    if (!(Number(number) <= count)) cache.delete(address);
    const cached = cache.get(address);
    if (cached === undefined) {
      // Not in the file when it was brought up to date (a bad N throws here), or forgotten since.
      const span = packedRecordingSpan(address) as PackedRecordingSpan;
      const built = await buildRecordingIndex(span);
      indexed.recordings++;
      indexed.passes++;
      cache.set(address, { key: spanKey(stat, span.path, span.start, span.end), index: built });
      return built;
    }
    if ('error' in cached) throw cached.error;
    return cached.index;
  }

  /**
   * Indexes the recordings of a file of several whose bytes are not those cached, in one pass;
   * how many recordings the file holds.
   */
  async function refreshPack(path: string, stat: Stats): Promise<number> {
    const starts = recordingStarts(path);
    const count = starts.offsets.length;
    const ends = (i: number): number =>
      i + 1 < count ? (starts.offsets[i + 1] as number) : starts.size;
    const keys = spanKeys(
      stat,
      path,
      starts.offsets.map((start, i) => [start, ends(i)]),
    );
    const stale = keys.findIndex((key, i) => cache.get(recordingAddress(path, i + 1))?.key !== key);
    if (stale === -1) return count;
    indexed.passes++;
    for (const built of await buildPackedIndexes(path, starts, stale + 1)) {
      const key = keys[built.n - 1] as string;
      cache.set(
        recordingAddress(path, built.n),
        'index' in built ? { key, index: built.index } : { key, error: built.error },
      );
      indexed.recordings++;
    }
    return count;
  }

  return {
    dir: root,
    fileOf,
    existing,
    idOf,
    newFile(method, suffix = '') {
      const folder = path.join(root, ...methodFolders(method));
      // The names come from a file anyone may hand us (an import, a replayed recording): the
      // folder must still be inside the recordings folder, whatever methodFolders lets through.
      if (!folder.startsWith(root + path.sep))
        throw new CommandError(
          'invalid_input',
          `the recorded method "${method}" names a folder outside the recordings folder`,
          { method },
        );
      // 0700 (every folder it creates): recordings are for their user alone.
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/:/g, '-');
      let file = path.join(folder, `${stamp}${suffix}.ndjson`);
      for (let n = 2; existsSync(file); n++)
        file = path.join(folder, `${stamp}${suffix}-${n}.ndjson`);
      return file;
    },
    files() {
      const out: string[] = [];
      const walk = (folder: string, depth: number): void => {
        if (depth > MAX_DEPTH) return;
        let entries;
        try {
          entries = readdirSync(folder, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          if (e.name.startsWith('.')) continue;
          const full = path.join(folder, e.name);
          if (e.isDirectory()) walk(full, depth + 1);
          else if (e.isFile() && (e.name.endsWith('.ndjson') || e.name.endsWith(PACK_SUFFIX)))
            out.push(full);
        }
      };
      walk(root, 0);
      return out.sort((a, b) => path.basename(b).localeCompare(path.basename(a)));
    },
    recordingsOf(file) {
      if (!file.endsWith(PACK_SUFFIX)) return [file];
      // Always `#N`, one recording or many: an id must not change as the proxy appends to the file.
      const count = recordingStarts(file).offsets.length;
      // Listed among the errors, so that it does not just go missing from the list.
      if (count === 0) throw new RecordingError(HOLDS_NO_RECORDING, file);
      return Array.from({ length: count }, (_, i) => recordingAddress(file, count - i));
    },
    index,
    async summary(file) {
      const ix = await index(file);
      const size = recordingSize(file);
      const replayOf = ix.header.replayOf;
      return {
        id: idOf(file),
        method: ix.header.method,
        kind: ix.header.kind,
        target: ix.header.target,
        startedAt: ix.header.startedAt,
        events: ix.count,
        sent: ix.sent,
        received: ix.received,
        durationMs: ix.durationMs,
        sizeBytes: size,
        complete: ix.complete,
        ...(ix.status ? { status: ix.status.codeName } : {}),
        ...(replayOf !== undefined
          ? {
              replayOf: path.resolve(replayOf).startsWith(root + path.sep)
                ? idOf(path.resolve(replayOf))
                : replayOf,
            }
          : {}),
      };
    },
    forget(file) {
      cache.delete(file);
    },
    get indexed() {
      return { ...indexed };
    },
    remember(file, built) {
      try {
        const stat = statSync(file);
        cache.set(file, { key: `${stat.size}:${stat.mtimeMs}`, index: built });
      } catch {
        cache.delete(file);
      }
    },
  };
}

/** Bytes read from each end of a recording's span to tell it from another at the same place. */
const SPAN_HEAD_BYTES = 256;
const SPAN_TAIL_BYTES = 64;

/** The cache key of a recording of a file of several at [start, end): where and what its bytes are. */
function spanKey(stat: Stats, file: string, start: number, end: number): string {
  return spanKeys(stat, file, [[start, end]])[0] as string;
}

/** spanKey of each span of a file, through one open of it: two reads per span. */
function spanKeys(stat: Stats, file: string, spans: [number, number][]): string[] {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SPAN_HEAD_BYTES);
    const read = (at: number, length: number, end: number): string => {
      const got = readSync(fd, buffer, 0, Math.max(0, Math.min(length, end - at)), at);
      return buffer.toString('latin1', 0, got);
    };
    return spans.map(
      ([start, end]) =>
        `${stat.dev}:${stat.ino}:${start}:${end}:${read(start, SPAN_HEAD_BYTES, end)}|${read(Math.max(start, end - SPAN_TAIL_BYTES), SPAN_TAIL_BYTES, end)}`,
    );
  } finally {
    closeSync(fd);
  }
}
