// Where a recording is: a whole file (`rec.ndjson`), or one recording of a file that holds several
// back to back (a capture file of `gwb proxy`: `capture.recordings#3`, counted from 1). Every
// reader opens a recording through recordingSpan, so each of them takes either form.

import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { RecordingError } from '../recording-error.js';
import { bytesBefore, type BytesSeen } from './bytes-seen.js';
import { checkReadableFile, FILE_LIMITS, FileReadError } from '../../platform/safe-read.js';
import {
  firstOtherHeader,
  FORMAT_VALUE_BYTES,
  mayBeFormatValue,
  type OtherHeader,
} from './recording-address-other-headers.js';

/**
 * The bytes of one recording in a file, its address resolved once: a reader takes it (or an
 * address, which it resolves once) and hands it to every layer it reads through, so they all read
 * the same bytes of the same file.
 */
export interface RecordingSpan {
  /** What the recording was asked for by (`FILE#N`, or the file): errors name it. */
  address: string;
  /** The file the recording is in. */
  path: string;
  /** Byte offset of its header line. */
  start: number;
  /** Byte offset just past its last line (undefined: a whole file, read to its end). */
  end: number | undefined;
  /** Line number (in the file, from 1) of its header line. */
  firstLine: number;
  /**
   * Which file it was found in (undefined: it could not be told): a reader that opens `path`
   * finds another file there when one was renamed over it since (`mv`, an editor's save), whose
   * bytes at the span are not the recording's, and says so (sameFile). A file rewritten in place
   * (`cp` over it) keeps its identity: a reader finds that out from the bytes (seen).
   */
  identity?: FileIdentity;
  /**
   * The span's last bytes as the file held them when it was found (a recording of a file of
   * several): a reader checks they are still there, so one written over in place since is told.
   */
  seen?: BytesSeen;
}

/** A file as the system knows it whatever its name: its device and inode. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

/** The span of one recording of a file of several: it ends where the file ended when scanned. */
export interface PackedRecordingSpan extends RecordingSpan {
  end: number;
}

/** A recording as the readers take it: its address, or its span already resolved. */
export type RecordingSource = string | RecordingSpan;

/**
 * What every header line our writer writes starts with (headerBytes: `format` is the header's
 * first key): a line of a file of recordings that starts with it starts the next recording.
 */
export const HEADER_START = '{"format":"gwb-recording"';
const HEADER_START_BYTES = Buffer.from(`\n${HEADER_START}`);
const NEWLINE = 0x0a;
const SCAN_BYTES = 1024 * 1024;

/**
 * What is wrong with a file that holds no recording: empty, or cut (kill -9) before its first
 * header line was whole, e.g. a file of several `gwb proxy` had just begun.
 */
export const HOLDS_NO_RECORDING =
  'holds no recording: it is empty, or was cut before its first header line was whole';

/** `FILE#N` taken apart; undefined when the address is a file's path (the whole file). */
export function splitAddress(address: string): { path: string; number: string } | undefined {
  const hash = address.lastIndexOf('#');
  if (hash <= 0) return undefined;
  const path = address.slice(0, hash);
  // A file whose own name ends in `#…` is that file; and only a file holds recordings to number
  // (`dir#1` beside a folder `dir` is a path that does not exist, not the folder's first one).
  if (existsSync(address) || !isFile(path)) return undefined;
  return { path, number: address.slice(hash + 1) };
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

/** `FILE#N`: the address of the Nth recording (from 1) of a file that holds several. */
export function recordingAddress(path: string, n: number): string {
  return `${path}#${n}`;
}

/** Where each recording of a file starts: byte offsets and line numbers of its header lines. */
export interface RecordingStarts {
  offsets: number[];
  lines: number[];
  /** Where the last recording ends: the file's size when scanned, less a header cut short. */
  size: number;
  /** The file that was scanned (its spans' identity). */
  identity?: FileIdentity;
  /**
   * The first line that holds a recording header not written byte for byte as ours are (so not a
   * start): the recordings that start after it cannot be numbered as they were written.
   */
  otherHeader?: OtherHeader;
}

const startsCache = new Map<string, { key: string; starts: RecordingStarts }>();
const MAX_CACHED_FILES = 64;

/**
 * The header lines of a file of recordings, found by their first bytes (HEADER_START at a line's
 * start), the file read once in 1 MiB reads; cached by size and modification time.
 */
export function recordingStarts(path: string): RecordingStarts {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    checkReadable(path); // says why
    throw new RecordingError('cannot read', path);
  }
  // Its identity too: a file renamed over it may have the same size and modification time.
  const key = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  const cached = startsCache.get(path);
  // A regular file as it was when checked and scanned (every reader of a file of several asks).
  if (cached?.key === key && stat.isFile()) return cached.starts;
  checkReadable(path);
  const starts = scanRecordingStarts(path);
  if (startsCache.size >= MAX_CACHED_FILES) startsCache.clear();
  startsCache.set(path, { key, starts });
  return starts;
}

/** recordingStarts without the cache, in reads of `readBytes` (exported for its test). */
export function scanRecordingStarts(path: string, readBytes = SCAN_BYTES): RecordingStarts {
  const starts: RecordingStarts = { offsets: [], lines: [], size: 0 };
  const overlap = HEADER_START_BYTES.length - 1;
  const buffer = Buffer.allocUnsafe(overlap + readBytes);
  // The buffer holds bytes of "\n" + the file from `base` on (so the first line is found as the
  // others are, after a newline); a header cut by a read is found whole after the next one.
  buffer[0] = NEWLINE;
  let base = 0;
  let length = 1;
  let counted = 1; // newlines are counted up to here (in the same "\n" + file offsets)
  let newlines = 0;
  const countTo = (to: number): void => {
    newlines += countNewlines(buffer, counted - base, to - base);
    counted = to;
  };
  // Where a header written another way may be (file offsets of its format value), checked last.
  const otherHeaders: number[] = [];
  const fd = openSync(path, 'r');
  try {
    const { dev, ino } = fstatSync(fd);
    starts.identity = { dev, ino };
    for (;;) {
      const got = readSync(fd, buffer, length, buffer.length - length, base + length - 1);
      length += got;
      const read = buffer.subarray(0, length);
      for (let at = read.indexOf(HEADER_START_BYTES); at !== -1;) {
        countTo(base + at + 1);
        // Its header line follows the newline at `at`; the file's first line is line 1.
        starts.offsets.push(base + at);
        starts.lines.push(newlines + 1);
        at = read.indexOf(HEADER_START_BYTES, at + 1);
      }
      findOtherHeaders(read, base, otherHeaders);
      if (got === 0) break;
      // The last bytes (a header's start may be cut there) go first for the next read; a file
      // shorter than that so far is kept whole.
      const keep = Math.min(overlap, length);
      countTo(base + length - keep);
      buffer.copy(buffer, 0, length - keep, length);
      base += length - keep;
      length = keep;
    }
    starts.size = base + length - 1 - headerCutShort(buffer.subarray(0, length));
    // The first line starts the first recording whatever it holds (another writer's key order).
    if (starts.size > 0 && starts.offsets[0] !== 0) {
      starts.offsets.unshift(0);
      starts.lines.unshift(1);
    }
    const other = otherHeaders.length > 0 ? firstOtherHeader(fd, otherHeaders, starts) : undefined;
    if (other) starts.otherHeader = other;
  } finally {
    closeSync(fd);
  }
  return starts;
}

/**
 * Adds to `found` the file offsets of the format values in `read` (bytes of "\n" + the file from
 * `base` on) that may be a header's written another way: not those of our headers, nor one found
 * in the bytes kept from the read before (they are found again at the start of `read`).
 */
function findOtherHeaders(read: Buffer, base: number, found: number[]): void {
  const ours = HEADER_START_BYTES.length - FORMAT_VALUE_BYTES.length;
  for (let at = read.indexOf(FORMAT_VALUE_BYTES, 1); at !== -1;) {
    const offset = base + at - 1;
    // Compared in place (no subarray made): one such value per recording is our own header's.
    const isOurs =
      at >= ours &&
      read.compare(
        HEADER_START_BYTES,
        0,
        HEADER_START_BYTES.length,
        at - ours,
        at + FORMAT_VALUE_BYTES.length,
      ) === 0;
    if (!isOurs && offset > (found.at(-1) ?? -1) && mayBeFormatValue(read, at)) found.push(offset);
    at = read.indexOf(FORMAT_VALUE_BYTES, at + 1);
  }
}

/**
 * The length of the file's last line when it is the start of a header cut short (kill -9 as a
 * recording began: too short to be found as one), else 0. That line belongs to no recording: the
 * one before it ends where it starts. `tail` ends at the end of the file and holds at least
 * HEADER_START's length in bytes before it (or the whole file after a newline).
 */
function headerCutShort(tail: Buffer): number {
  const lineStart = tail.lastIndexOf(NEWLINE) + 1;
  if (lineStart === 0) return 0;
  const line = tail.subarray(lineStart);
  return line.length > 0 && HEADER_START_BYTES.subarray(1, 1 + line.length).equals(line)
    ? line.length
    : 0;
}

function countNewlines(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (
    let at = bytes.indexOf(NEWLINE, from);
    at !== -1 && at < to;
    at = bytes.indexOf(NEWLINE, at + 1)
  )
    n++;
  return n;
}

function checkReadable(path: string): void {
  try {
    checkReadableFile(path, { what: 'recording', limit: FILE_LIMITS.recording });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecordingError(
      code === 'ENOENT'
        ? 'no such file'
        : `cannot read: ${error instanceof FileReadError ? error.reason : (error as Error).message}`,
      path,
    );
  }
}

/**
 * The span of the recording at `address`: a path is the whole file (not read here), `FILE#N` the
 * Nth recording of FILE. A bad N throws a RecordingError naming the file and how many it holds.
 */
export function recordingSpan(address: string): RecordingSpan {
  return packedRecordingSpan(address) ?? wholeFileSpan(address);
}

function wholeFileSpan(path: string): RecordingSpan {
  const span: RecordingSpan = { address: path, path, start: 0, end: undefined, firstLine: 1 };
  try {
    const { dev, ino } = statSync(path);
    span.identity = { dev, ino };
  } catch {
    // Not there (or not readable): the reader that opens it says so.
  }
  return span;
}

/**
 * Throws when the file a reader opened for a span (`opened`: its fstat) is not the one the span
 * was found in: the file was replaced since, and its bytes at the span are another recording's.
 */
export function sameFile(span: RecordingSpan, opened: FileIdentity): void {
  const found = span.identity;
  if (found === undefined || (found.dev === opened.dev && found.ino === opened.ino)) return;
  throw new RecordingError(
    'the file changed as it was read: another file was put in its place (renamed over it) since the recording was found in it',
    span.address,
  );
}

/** The span of a recording as a reader takes it: a span as it is, an address resolved. */
export function resolveRecording(source: RecordingSource): RecordingSpan {
  return typeof source === 'string' ? recordingSpan(source) : source;
}

/** What a recording was asked for by (errors name it), without resolving it. */
export function sourceAddress(source: RecordingSource): string {
  return typeof source === 'string' ? source : source.address;
}

/** recordingSpan of `FILE#N`; undefined for a path (a whole file). */
export function packedRecordingSpan(address: string): PackedRecordingSpan | undefined {
  const split = splitAddress(address);
  if (split === undefined) return undefined;
  const { path, number } = split;
  const starts = recordingStarts(path);
  const count = starts.offsets.length;
  const holds = `the file holds ${count === 1 ? '1 recording (#1)' : `${count} recordings (#1 to #${count})`}`;
  const n = /^[1-9][0-9]{0,9}$/.test(number) ? Number(number) : NaN;
  if (count === 0) throw new RecordingError(`no recording #${number}: the file holds none`, path);
  if (!(n >= 1 && n <= count)) throw new RecordingError(`no recording #${number}: ${holds}`, path);
  const untold = untoldRecording(starts, path, n);
  if (untold) throw untold;
  const start = starts.offsets[n - 1] as number;
  // The last recording ends where the file ended when it was scanned, not where it ends when
  // read: gwb proxy keeps appending recordings to the file, and those are #N+1 onwards.
  const end = n < count ? (starts.offsets[n] as number) : starts.size;
  return spanOf(address, path, starts, { start, end, firstLine: starts.lines[n - 1] as number });
}

/** A span of a file of several as `starts` found it, with what it holds at its end now. */
export function spanOf(
  address: string,
  path: string,
  starts: RecordingStarts,
  at: { start: number; end: number; firstLine: number },
): PackedRecordingSpan {
  const seen = bytesBefore(path, at.start, at.end);
  return {
    address,
    path,
    ...at,
    ...(starts.identity ? { identity: starts.identity } : {}),
    ...(seen ? { seen } : {}),
  };
}

/**
 * Why the Nth recording of a file of several cannot be told (it starts after a header written
 * another way, which is no start: #N would be the recording written as #N+1 or later), or
 * undefined.
 */
export function untoldRecording(
  starts: RecordingStarts,
  path: string,
  n: number,
): RecordingError | undefined {
  const other = starts.otherHeader;
  if (other === undefined || (starts.offsets[n - 1] ?? 0) < other.offset) return undefined;
  return new RecordingError(
    `a recording header not written byte for byte as gwb writes it (a header line starts ${HEADER_START}): a file of several recordings is told apart by such lines, so #${n} and the other recordings after this line cannot be told`,
    path,
    other.line,
  );
}

/**
 * The file's line number of the header line of a recording (1 for a whole file), for errors about
 * its header; 1 when its address no longer resolves (the file changed).
 */
export function headerLineOf(source: RecordingSource): number {
  try {
    return resolveRecording(source).firstLine;
  } catch {
    return 1;
  }
}

/**
 * The recordings of a file: its path when it holds one, else `FILE#1` … `FILE#N`; an address
 * (`FILE#N`) stands for itself. A file that holds none throws a RecordingError saying so.
 */
export function recordingsIn(file: string): string[] {
  if (splitAddress(file) !== undefined) return [file];
  const count = recordingStarts(file).offsets.length;
  if (count === 0) throw new RecordingError(HOLDS_NO_RECORDING, file);
  if (count === 1) return [file];
  return Array.from({ length: count }, (_, i) => recordingAddress(file, i + 1));
}
