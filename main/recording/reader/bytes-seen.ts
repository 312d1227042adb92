// What a reader has read of a recording, kept to tell that the file still holds it. A file renamed
// over a recording is told by its inode (sameFile); one written over in place (`cp new old`: the
// same inode, truncated and written again) only by its bytes. A recording is only ever appended to
// (a live capture, gwb proxy's file of several) but for its header line, which its recorder may put
// in place once more as it finishes it (finished-in-place.ts): so a reader checks that the last
// bytes it read are still there (or moved just as a finish moves them) before it hands on more,
// and when it ends.
// That is one small read of bytes just read (page cache) per read of the file. Its size or mtime
// would not do: an append changes them as a rewrite does, and a rewrite can leave the size.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { RecordingError } from '../recording-error.js';

/** Bytes a file held and where they end: `bytes` were at [end - bytes.length, end). */
export interface BytesSeen {
  end: number;
  bytes: Buffer;
}

/** How many bytes are kept: a line's end (its seq and time) tells one recording from another. */
const SEEN_BYTES = 64;

/** The last bytes of `bytes`, which end at file offset `end` (copied: the buffer is reused). */
export function lastBytesOf(bytes: Buffer, end: number): BytesSeen {
  return { end, bytes: Buffer.from(bytes.subarray(Math.max(0, bytes.length - SEEN_BYTES))) };
}

/**
 * The bytes the file holds just before `end` (not before `start`), read now; undefined when it
 * cannot be read or is already shorter than `end` (a reader then finds it short).
 */
export function bytesBefore(path: string, start: number, end: number): BytesSeen | undefined {
  const from = Math.max(start, end - SEEN_BYTES);
  const bytes = Buffer.alloc(end - from);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined; // the reader that opens it says why
  }
  try {
    return readSync(fd, bytes, 0, bytes.length, from) === bytes.length ? { end, bytes } : undefined;
  } finally {
    closeSync(fd);
  }
}

/** Does the file open at `fd` still hold `seen` where it was? */
export function stillHolds(fd: number, seen: BytesSeen): boolean {
  const now = Buffer.alloc(seen.bytes.length);
  return (
    readSync(fd, now, 0, now.length, seen.end - now.length) === now.length && now.equals(seen.bytes)
  );
}

/** The error for a file open at `fd` that no longer holds `seen` where it was, naming the recording. */
export function writtenOver(fd: number, seen: BytesSeen, address: string): RecordingError {
  const size = fstatSync(fd).size;
  const how =
    size < seen.end
      ? `it now ends at byte ${size}, before byte ${seen.end} of what was read (cut, or being written over in place)`
      : `it was written over in place: the bytes before byte ${seen.end} are no longer those read`;
  // A recording finished by its own recorder as it was read is told apart (finished-in-place.ts).
  // While a recorder in another process is still moving its events (in this one the move ends
  // before the next check), the bytes read may have moved before its new header is in place: this
  // error, and reading it again does. Not told here: a read across a chunk the move already put
  // higher and the one below it not yet moved, whose bytes before the read are still in place.
  // Such a read sees some bytes twice: the event readers say so when a seq goes back (SeqOrder in
  // event-reader.ts) or a line spliced from two is not JSON; lineChunks itself hands it on.
  return new RecordingError(
    `the file changed as it was read: ${how} (\`cp\` over it, or its recorder finishing it); open it again`,
    address,
  );
}
