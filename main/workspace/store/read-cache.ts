// The text of workspace files already read, kept while the file is unchanged on disk. A run reads
// each saved request twice (the tree while planning, the document while sending) and runs again
// over the same files; an unchanged file costs one stat, not an open, a read and a close. What the
// text parses to (cachedValue) is kept beside it, so an unchanged request is not parsed and
// checked again either. A text read after the workspace's symlink check (cachedCheckedText) is kept
// with the workspace it was checked for: an unchanged file read again reads nothing from disk, so
// it needs no check (no realpath of every folder on the way, call after call of a run).
import { REQUEST_FILE_SUFFIX } from '../../../shared/workspace/saved-request.js';
import type { TextRead } from '../../platform/safe-read.js';
import {
  keyOf,
  regularFileStats,
  StatKeyedTexts,
  type KeptText,
} from '../../platform/stat-keyed-texts.js';

/** Enough for every request of a large workspace; the oldest entries go first beyond it. */
const MAX_CHARS = 32 * 1024 * 1024;

interface Entry extends KeptText {
  /** What `text` was made into (cachedValue), made at most once per text read. */
  value?: unknown;
  /**
   * The workspace folder `file` was last found inside (cachedCheckedText) while it was this very
   * file (this key): the path led inside then, and `text` is what was read there.
   */
  checkedIn?: string;
}

/** A read confined to a workspace folder: `check` throws when the file leads outside `root`. */
interface Confined {
  root: string;
  check: () => void;
}

const entries = new StatKeyedTexts<Entry>({ maxChars: MAX_CHARS });

/**
 * The text of `file` (a saved request): the kept one when the file is unchanged since, else
 * `read()`'s (kept when the file is not racy). Anything odd about the file (gone, not a regular
 * file) goes to `read()`, which says what is wrong. `read` reads through one file descriptor and
 * gives its fstat: the text is kept under the file it really came from.
 */
export function cachedText(file: string, read: () => TextRead): string {
  return textOf(file, read, undefined);
}

/**
 * As cachedText, for a read that must stay inside workspace folder `root`: `check()` runs before
 * anything is read from disk, and before a kept text not yet found inside `root` is given. A kept
 * text already found inside `root` is given with no check while the file is unchanged: the same
 * device, inode, size and times. A file or folder on the way swapped for a symlink leads to
 * another file (another inode: the key changes), which is checked, and refused when outside. A
 * file moved out of the workspace with its folder keeps its inode: what is given then is still
 * the text read while it was inside, nothing read from outside. A text is kept only when the
 * descriptor it was read through is the file stat'ed before the check (see textOf).
 */
export function cachedCheckedText(
  file: string,
  root: string,
  check: () => void,
  read: () => TextRead,
): string {
  return textOf(file, read, { root, check });
}

function textOf(file: string, read: () => TextRead, confined: Confined | undefined): string {
  // Only saved requests: history batches and secrets are read once and need not stay in memory.
  if (!file.endsWith(REQUEST_FILE_SUFFIX)) {
    confined?.check();
    return read().text;
  }
  const stats = regularFileStats(file);
  if (!stats) {
    entries.forget(file);
    confined?.check();
    return read().text;
  }
  const kept = entries.find(file, stats);
  if (kept) {
    if (confined && kept.checkedIn !== confined.root) {
      confined.check();
      kept.checkedIn = confined.root;
    }
    return kept.text;
  }
  confined?.check();
  const { text, stats: readFrom } = read();
  // Kept only when the file read (the open descriptor's fstat) is the very file the path led to
  // when stat'ed just before the check. A path swapped for a symlink out between the check and the
  // read, and swapped back after (A-B-A), gives the text of another inode: given this once (as
  // any read racing such a swap may be), never kept, so the next read checks again. A file
  // changed meanwhile is another key too.
  entries.keep(
    file,
    { key: keyOf(stats), text, ...(confined ? { checkedIn: confined.root } : {}) },
    readFrom,
  );
  return text;
}

/**
 * What `make` makes of the text of `file` that cachedText gave back: made once while that text is
 * the one kept for the file, made again when the file changes (or for a text that is not kept: a
 * file written just now). Shared by every caller: never change it, copy it first. A `make` that
 * throws keeps nothing, so the error is said again on every read.
 */
export function cachedValue<T>(file: string, text: string, make: () => T): T {
  const kept = entries.peek(file);
  if (kept?.text !== text) return make();
  if (kept.value === undefined) kept.value = make();
  return kept.value as T;
}
