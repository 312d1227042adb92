// Texts of files kept while the file is unchanged on disk: the one way the engine tells "the same
// file, not changed since it was read" — by its stat (device, inode, size, modification and change
// times), compared field by field, so an unchanged file costs a stat, not an open, a read and a
// close. Used by the workspace's saved requests (main/workspace/store/read-cache.ts) and the TLS
// files of connections (main/channels/pem-cache.ts); each says what it keeps and how much.
import { statSync, type BigIntStats } from 'node:fs';

/**
 * A file changed this close to when we looked is not trusted ("racy", as git calls it): a second
 * write in the same timestamp tick (2 s on FAT, 1 s on HFS+, a kernel clock tick for the change
 * time of Linux before 6.13) with the same size would leave every field of the key unchanged. The
 * change time counts as well as the modification time: a writer that puts the old modification
 * time back (rsync -t, cp -p, tar) changes only the change time.
 */
export const RACY_MS = 2_000;

/** The racy rule's clock (racyClockForTests). */
let now: () => number = () => Date.now();

/**
 * For tests that date files back (utimes sets the change time to now, as any write does): the
 * racy rule reads `clock` instead of the time until the returned function puts it back.
 */
export function racyClockForTests(clock: () => number): () => void {
  now = clock;
  return () => {
    now = () => Date.now();
  };
}

/**
 * What changes when the file does: a rename over it (atomic writes) changes the inode, a write in
 * place the size or the times. Bigints, as the kernel gives them: an inode number past 2^53 (XFS
 * inode64, some NFS and overlayfs) is not rounded into another's, and times are to the nanosecond.
 */
export interface FileKey {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

export function keyOf({ dev, ino, size, mtimeNs, ctimeNs }: BigIntStats): FileKey {
  return { dev, ino, size, mtimeNs, ctimeNs };
}

/** Compared field by field: no key is built (numbers turned into text) for a file unchanged. */
export function sameKey(key: FileKey, stats: BigIntStats): boolean {
  return (
    key.ino === stats.ino &&
    key.mtimeNs === stats.mtimeNs &&
    key.ctimeNs === stats.ctimeNs &&
    key.size === stats.size &&
    key.dev === stats.dev
  );
}

/** The stats of `file` when it is a regular file (links followed); else undefined. */
export function regularFileStats(file: string): BigIntStats | undefined {
  try {
    const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
    return stats?.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

export interface KeptText {
  /** The file's key when `text` was read from it. */
  key: FileKey;
  text: string;
}

export interface TextLimits {
  /** The texts' lengths added up; the least recently used go first beyond it. */
  maxChars?: number;
  /** How many files; the least recently used go first beyond it. */
  maxFiles?: number;
}

/**
 * Entries by file path, each a text and what its user keeps beside it (E). Least recently used
 * first: a Map keeps insertion order, and a hit is inserted again.
 */
export class StatKeyedTexts<E extends KeptText> {
  private readonly entries = new Map<string, E>();
  private chars = 0;

  constructor(private readonly limits: TextLimits) {}

  /**
   * The entry of `file` while `stats` (taken now, before any check or read) says it is the file
   * its text was read from; a changed file's entry is dropped.
   */
  find(file: string, stats: BigIntStats): E | undefined {
    const kept = this.entries.get(file);
    if (kept === undefined) return undefined;
    this.entries.delete(file);
    if (!sameKey(kept.key, stats)) {
      this.chars -= kept.text.length;
      return undefined;
    }
    this.entries.set(file, kept);
    return kept;
  }

  /** The entry of `file` as it was kept, unchecked (for what is kept beside a text just given). */
  peek(file: string): E | undefined {
    return this.entries.get(file);
  }

  /**
   * Keeps `entry` (its key from the stat taken before the read) unless the file is racy or the
   * text is over the limit. `readFrom`, the stat of the descriptor the text was read through when
   * known: kept only when it is the key's file (a path swapped and swapped back meanwhile is not).
   */
  keep(file: string, entry: E, readFrom?: BigIntStats): void {
    this.forget(file);
    if (readFrom !== undefined && !sameKey(entry.key, readFrom)) return;
    if (isRacyKey(entry.key)) return;
    const { maxChars = Infinity, maxFiles = Infinity } = this.limits;
    if (entry.text.length > maxChars) return;
    this.entries.set(file, entry);
    this.chars += entry.text.length;
    for (const [oldest] of this.entries) {
      if (this.chars <= maxChars && this.entries.size <= maxFiles) break;
      this.forget(oldest);
    }
  }

  forget(file: string): void {
    const old = this.entries.get(file);
    if (old === undefined) return;
    this.entries.delete(file);
    this.chars -= old.text.length;
  }

  values(): IterableIterator<E> {
    return this.entries.values();
  }

  /** Each file and its entry, least recently used first. */
  files(): IterableIterator<[string, E]> {
    return this.entries.entries();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The file was changed (written, or its times or mode set) within RACY_MS of now. */
function isRacyKey(key: FileKey): boolean {
  const changed = key.mtimeNs > key.ctimeNs ? key.mtimeNs : key.ctimeNs;
  return now() - Number(changed / 1_000_000n) < RACY_MS;
}
