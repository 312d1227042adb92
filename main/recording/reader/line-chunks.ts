import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { checkReadableFile, FILE_LIMITS } from '../../platform/safe-read.js';
import { RecordingError } from '../recording-error.js';
import { resolveRecording, sameFile, type RecordingSource } from './recording-address.js';
import { checkStillHeld, lastBytesOf } from './bytes-seen.js';

/** Whole lines of a file as they were read: no string is made for them. */
export interface LineChunk {
  /** One or more lines, each ending with a newline except, when `unterminated`, the last. */
  bytes: Buffer;
  /** Byte offset in the file of `bytes[0]`. */
  offset: number;
  /** Set on the last chunk when the file does not end with a newline: its line may be cut. */
  unterminated: boolean;
}

export interface LineChunkOptions {
  /** Byte offset in the file to start at (must be the start of a line of the recording). */
  start?: number;
  /** Bytes per read (default 256 KiB). */
  readSize?: number;
}

const NEWLINE = 0x0a;
const DEFAULT_READ_SIZE = 256 * 1024;

/**
 * Reads a recording (a file, `FILE#N` or its span: see recordingSpan) as chunks of whole lines,
 * for readers that take lines apart as bytes (replay) or make strings of them (lineBatches). A
 * line that spans reads comes alone in a chunk of its own; the others are views of the read
 * buffer, not copies. Memory holds one read and one partial line.
 */
export async function* lineChunks(
  source: RecordingSource,
  opts: LineChunkOptions = {},
): AsyncGenerator<LineChunk> {
  // `FILE#N`: the Nth recording of a file that holds several, read from its header to the next.
  const span = resolveRecording(source);
  // A recording is named by the user (gwb replay, gwb mock, an import): a FIFO would hold a
  // thread of the pool forever and a device never ends, so only a regular file is streamed.
  checkReadableFile(span.path, { what: 'recording', limit: FILE_LIMITS.recording });
  const start = opts.start ?? span.start;
  // Opened first to tell that it is still the file the span was found in.
  const handle = await open(span.path, 'r');
  try {
    sameFile(span, await handle.stat());
  } catch (error) {
    await handle.close();
    throw error;
  }
  const stream = createReadStream(span.path, {
    fd: handle,
    start,
    // Inclusive; the span ends with its last line's newline.
    ...(span.end !== undefined ? { end: span.end - 1 } : {}),
    highWaterMark: opts.readSize ?? DEFAULT_READ_SIZE,
    // Closed here, after the last check of what was read.
    autoClose: false,
  });
  // The last bytes handed on (or the span's end as it was found): the file must still hold them
  // when more is read, or it was written over in place (bytes-seen.ts).
  let seen = span.seen;
  const stillHeld = (): void => {
    if (seen) checkStillHeld(handle.fd, seen, span.address);
  };
  const handOn = (chunk: LineChunk): LineChunk => {
    // Not a header line alone: a recorder puts its final header in place of the first at close.
    const headerAlone =
      chunk.offset === span.start && chunk.bytes.indexOf(NEWLINE) === chunk.bytes.length - 1;
    if (!headerAlone) seen = lastBytesOf(chunk.bytes, chunk.offset + chunk.bytes.length);
    return chunk;
  };
  // The start of a line that did not end in the reads so far, kept as the reads themselves so a
  // line many reads long is copied once, when it ends.
  let carry: Buffer[] = [];
  let carryOffset = 0;
  let offset = start; // offset of the read's first byte
  try {
    for await (const read of stream as AsyncIterable<Buffer>) {
      // Read after what was handed on: from the same file only if that is still there.
      stillHeld();
      let from = 0;
      if (carry.length > 0) {
        const nl = read.indexOf(NEWLINE);
        if (nl === -1) {
          carry.push(read);
          offset += read.length;
          continue;
        }
        carry.push(read.subarray(0, nl + 1));
        yield handOn({ bytes: Buffer.concat(carry), offset: carryOffset, unterminated: false });
        carry = [];
        from = nl + 1;
      }
      const last = read.lastIndexOf(NEWLINE);
      if (last >= from) {
        const bytes = read.subarray(from, last + 1);
        yield handOn({ bytes, offset: offset + from, unterminated: false });
        from = last + 1;
      }
      if (from < read.length) {
        carry.push(read.subarray(from));
        carryOffset = offset + from;
      }
      offset += read.length;
    }
    // The reads may have ended early because the file was cut to be written again.
    stillHeld();
  } finally {
    await handle.close();
  }
  // A recording of a file of several ends where it ended when its address was resolved: a file
  // that ends before that was cut or rewritten since (its reads would be someone else's bytes).
  if (span.end !== undefined && offset < span.end)
    throw new RecordingError(
      `the file changed as it was read: it now ends at byte ${offset}, inside the recording (bytes ${span.start} to ${span.end})`,
      span.address,
    );
  if (carry.length > 0)
    yield { bytes: Buffer.concat(carry), offset: carryOffset, unterminated: true };
}
