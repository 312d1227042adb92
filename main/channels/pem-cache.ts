// The TLS files a connection names, kept while unchanged on disk. One TLS call builds its channel
// configuration up to three times (the server wait's channel.state, the reflection schema load,
// the call plan) and each build read the CA file, the certificate and the key again: an
// unchanged file now costs a stat, not an open and a read.
import { statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { secretDigest } from './secret-digest.js';

/**
 * A file modified this close to when we looked is read afresh every time: a second write in the
 * same timestamp tick (2 s on FAT, 1 s on HFS+) with the same size would leave its signature
 * unchanged. The workspace's read cache (main/workspace/store/read-cache.ts) waits as long.
 */
const RACY_MS = 2_000;
/** The files of a few TLS connections (three each at most); PEM files are at most 1 MiB. */
const MAX_FILES = 16;

interface Kept {
  /** What changes when the file does: a rename over it (atomic writes) changes the inode. */
  signature: string;
  text: string;
  /** The text's digest for channel keys, taken at the first lookup that needs it. */
  digest?: string;
}

/** Least recently used first: Map keeps insertion order and a hit is inserted again. */
const kept = new Map<string, Kept>();

function regularFileStats(file: string): BigIntStats | undefined {
  try {
    const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
    return stats?.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The text of the PEM `file`: the kept one while the file is unchanged, else `read()`'s. Anything
 * odd about the file (gone, not a regular file) goes to `read()`, which says what is wrong.
 */
export function keptPemText(file: string, read: () => string): string {
  const where = path.resolve(file);
  const stats = regularFileStats(where);
  const before = kept.get(where);
  kept.delete(where);
  if (!stats) return read();
  const signature = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  const entry = before?.signature === signature ? before : { signature, text: read() };
  // Stat before the read: a change in between leaves a signature that no longer matches.
  if (Date.now() - Number(stats.mtimeMs) < RACY_MS) return entry.text;
  kept.set(where, entry);
  for (const [oldest] of kept) {
    if (kept.size <= MAX_FILES) break;
    kept.delete(oldest);
  }
  return entry.text;
}

/** How many files are kept (tests). */
export function keptPemCount(): number {
  return kept.size;
}

/**
 * The channel-key digest of PEM `text` (secret-digest.ts), taken once per kept file: the text a
 * configuration holds is the kept string itself, so the comparison is by identity and costs
 * nothing; text that is not kept (inline, or a file just written) is digested each time.
 */
export function keptPemDigest(text: string | undefined): string {
  if (text === undefined) return '';
  for (const entry of kept.values()) {
    if (entry.text === text) return (entry.digest ??= secretDigest(text));
  }
  return secretDigest(text);
}
