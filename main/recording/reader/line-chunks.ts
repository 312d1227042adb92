import { open, type FileHandle } from 'node:fs/promises';
import { checkReadableFile, FILE_LIMITS } from '../../platform/safe-read.js';
import { RecordingError } from '../recording-error.js';
import { resolveRecording, sameFile, type RecordingSource } from './recording-address.js';
import { ReadSoFar } from './read-so-far.js';

/** Whole lines of a file as they were read: no string is made for them. */
export interface LineChunk {
  /** One or more lines, each ending with a newline except, when `unterminated`, the last. */
  bytes: Buffer;
  /**
   * Byte offset in the file of `bytes[0]`, as the file is when it is read: a live recording's
   * events move up as its recorder finishes it (finished-in-place.ts), and the chunks read after
   * that are where they moved to.
   */
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
  const readSize = opts.readSize ?? DEFAULT_READ_SIZE;
  // Opened first to tell that it is still the file the span was found in.
  const handle = await open(span.path, 'r');
  let read: ReadSoFar;
  try {
    sameFile(span, await handle.stat());
    read = new ReadSoFar(handle.fd, span, start);
  } catch (error) {
    await handle.close();
    throw error;
  }
  // The start of a line that did not end in the reads so far, kept as the reads themselves so a
  // line many reads long is copied once, when it ends.
  let carry: Buffer[] = [];
  let carryOffset = 0;
  let offset = start; // offset of the next read's first byte
  try {
    for (;;) {
      // A span ends with its last line's newline.
      const size = span.end === undefined ? readSize : Math.min(readSize, span.end - offset);
      const bytes = size > 0 ? await readAt(handle, offset, size) : NOTHING;
      // Read after what was handed on: from the same file only if that is still there (checked
      // also once the reads ended: they may have ended early because the file was cut). A
      // recording its recorder finished since is read on from where the rest moved to.
      const movedTo = read.check();
      if (movedTo !== undefined) {
        offset = movedTo;
        carry = [];
        continue;
      }
      if (bytes.length === 0) break;
      let from = 0;
      if (carry.length > 0) {
        const nl = bytes.indexOf(NEWLINE);
        if (nl === -1) {
          carry.push(bytes);
          offset += bytes.length;
          continue;
        }
        carry.push(bytes.subarray(0, nl + 1));
        yield read.handedOn({
          bytes: Buffer.concat(carry),
          offset: carryOffset,
          unterminated: false,
        });
        carry = [];
        from = nl + 1;
      }
      const last = bytes.lastIndexOf(NEWLINE);
      if (last >= from) {
        const lines = bytes.subarray(from, last + 1);
        yield read.handedOn({ bytes: lines, offset: offset + from, unterminated: false });
        from = last + 1;
      }
      if (from < bytes.length) {
        carry.push(bytes.subarray(from));
        carryOffset = offset + from;
      }
      offset += bytes.length;
    }
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

const NOTHING = Buffer.alloc(0);

/** Up to `size` bytes of the file at `offset`, in a buffer of their own (chunks are views of it). */
async function readAt(handle: FileHandle, offset: number, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafeSlow(size);
  const { bytesRead } = await handle.read(buffer, 0, size, offset);
  return buffer.subarray(0, bytesRead);
}
