// The TLS files a connection names, kept while unchanged on disk
// (main/platform/stat-keyed-texts.ts). One TLS call builds its channel configuration up to three
// times (the server wait's channel.state, the reflection schema load, the call plan) and each build
// read the CA file, the certificate and the key again: an unchanged file now costs a stat, not an
// open and a read.
import path from 'node:path';
import {
  keyOf,
  regularFileStats,
  StatKeyedTexts,
  type KeptText,
} from '../platform/stat-keyed-texts.js';
import { secretDigest } from './secret-digest.js';

/** The files of a few TLS connections (three each at most); PEM files are at most 1 MiB. */
const MAX_FILES = 16;
/**
 * A text holding a private key is let go once unused this long: it spans a call's three builds
 * (and the server wait between them) and the calls of a run, but a client key does not stay in
 * the heap of a long-lived process (the desktop app, gwb serve) after its channels are gone. The
 * channels using it hold it in their configuration meanwhile anyway.
 */
export const PRIVATE_KEY_IDLE_MS = 60_000;
/** How a PEM block holding a private key begins (PKCS#8, RSA, EC, encrypted, OpenSSH). */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

interface KeptPem extends KeptText {
  /** The text's digest for channel keys, taken at the first lookup that needs it. */
  digest?: string;
  /** For a text holding a private key: when it was last given (Date.now()). */
  usedAt?: number;
}

const kept = new StatKeyedTexts<KeptPem>({ maxFiles: MAX_FILES });
/** Lets go of private keys unused for PRIVATE_KEY_IDLE_MS; set while one is kept. */
let keySweep: ReturnType<typeof setTimeout> | undefined;

/**
 * The text of the PEM `file`: the kept one while the file is unchanged, else `read()`'s. Anything
 * odd about the file (gone, not a regular file) goes to `read()`, which says what is wrong.
 */
export function keptPemText(file: string, read: () => string): string {
  const where = path.resolve(file);
  const stats = regularFileStats(where);
  if (!stats) {
    kept.forget(where);
    return read();
  }
  const found = kept.find(where, stats);
  if (found) {
    if (found.usedAt !== undefined) usedKey(found);
    return found.text;
  }
  // Stat before the read: a change in between leaves a key that no longer matches.
  const text = read();
  const entry: KeptPem = { key: keyOf(stats), text };
  // Looked for once per read (a CA bundle is ~200 KiB): a hit only looks at usedAt.
  if (PRIVATE_KEY.test(text)) usedKey(entry);
  kept.keep(where, entry);
  return text;
}

function usedKey(entry: KeptPem): void {
  entry.usedAt = Date.now();
  keySweep ??= setTimeout(sweepKeys, PRIVATE_KEY_IDLE_MS).unref();
}

function sweepKeys(): void {
  keySweep = undefined;
  let next = Infinity;
  for (const [file, entry] of [...kept.files()]) {
    if (entry.usedAt === undefined) continue;
    const idle = Date.now() - entry.usedAt;
    if (idle >= PRIVATE_KEY_IDLE_MS) kept.forget(file);
    else next = Math.min(next, PRIVATE_KEY_IDLE_MS - idle);
  }
  if (next !== Infinity) keySweep = setTimeout(sweepKeys, next).unref();
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
