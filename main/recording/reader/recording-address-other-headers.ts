// Recording headers written another way in a file of several (a space, another key order: an
// edit, another tool). Recordings are told apart by byte-exact header lines (recording-address),
// so such a header is no start: the recordings after it cannot be numbered as they were written,
// and every reader of them must say so rather than read the next recording under its number.

import { readSync } from 'node:fs';

/** The value of a header's `format` key, as JSON writes it (unescaped: a key's value). */
export const FORMAT_VALUE_BYTES = Buffer.from('"gwb-recording"');
const FORMAT_KEY_BYTES = Buffer.from('"format"');
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const CHUNK_BYTES = 64 * 1024;

/** A line where a recording header written another way starts (its offset and line number). */
export interface OtherHeader {
  offset: number;
  line: number;
}

function isBlank(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}

/**
 * Whether the FORMAT_VALUE_BYTES at `at` in `bytes` may be the value of a `format` key (`"format"
 * : "gwb-recording"`, any blanks): a cheap test that leaves out other values of that text, inside
 * a string (escaped) or of another key; true when the bytes before it are not all in `bytes`.
 */
export function mayBeFormatValue(bytes: Buffer, at: number): boolean {
  let i = at - 1;
  if (bytes[i] === BACKSLASH) return false;
  while (i >= 0 && isBlank(bytes[i])) i--;
  if (i < 0) return true;
  if (bytes[i] !== COLON) return false;
  i--;
  while (i >= 0 && isBlank(bytes[i])) i--;
  const keyStart = i + 1 - FORMAT_KEY_BYTES.length;
  if (keyStart < 0) return true;
  return bytes.subarray(keyStart, i + 1).equals(FORMAT_KEY_BYTES);
}

/**
 * The first of `candidates` (file offsets of a FORMAT_VALUE_BYTES that mayBeFormatValue, ascending)
 * on a line that is not a start and whose object has a top-level `format` key: a recording header
 * written another way. `starts` are the file's recording starts (offsets, lines), read through `fd`.
 */
export function firstOtherHeader(
  fd: number,
  candidates: readonly number[],
  starts: { offsets: readonly number[]; lines: readonly number[] },
): OtherHeader | undefined {
  const isStart = new Set(starts.offsets);
  let checkedTo = -1; // a line already parsed holds every candidate before here
  for (const at of candidates) {
    if (at < checkedTo) continue;
    const { start, end } = lineAround(fd, at);
    checkedTo = end;
    if (isStart.has(start) || !hasFormatKey(readBytes(fd, start, end).toString('utf8'))) continue;
    // The recording it is in: its header's line, and the lines from there to it.
    let k = 0;
    while (k + 1 < starts.offsets.length && (starts.offsets[k + 1] as number) <= start) k++;
    const from = starts.offsets[k] ?? 0;
    return { offset: start, line: (starts.lines[k] ?? 1) + newlinesIn(fd, from, start) };
  }
  return undefined;
}

function hasFormatKey(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && Object.hasOwn(value, 'format');
  } catch {
    return false; // not a line of JSON: whoever reads it says so
  }
}

/** The line holding the byte at `at`: where it starts and where its newline (or the file) ends. */
function lineAround(fd: number, at: number): { start: number; end: number } {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let start = 0;
  for (let to = at; to > 0;) {
    const from = Math.max(0, to - CHUNK_BYTES);
    const got = readSync(fd, chunk, 0, to - from, from);
    const newline = chunk.subarray(0, got).lastIndexOf(NEWLINE);
    if (newline !== -1) {
      start = from + newline + 1;
      break;
    }
    to = from;
  }
  let end = at;
  for (;;) {
    const got = readSync(fd, chunk, 0, CHUNK_BYTES, end);
    const newline = chunk.subarray(0, got).indexOf(NEWLINE);
    if (newline !== -1) return { start, end: end + newline };
    if (got === 0) return { start, end };
    end += got;
  }
}

function readBytes(fd: number, start: number, end: number): Buffer {
  const bytes = Buffer.allocUnsafe(end - start);
  let read = 0;
  while (read < bytes.length) {
    const got = readSync(fd, bytes, read, bytes.length - read, start + read);
    if (got === 0) break;
    read += got;
  }
  return bytes.subarray(0, read);
}

function newlinesIn(fd: number, from: number, to: number): number {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let n = 0;
  for (let at = from; at < to;) {
    const got = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, to - at), at);
    if (got === 0) break;
    for (let i = chunk.indexOf(NEWLINE); i !== -1 && i < got; i = chunk.indexOf(NEWLINE, i + 1))
      n++;
    at += got;
  }
  return n;
}
