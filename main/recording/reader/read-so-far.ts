// What a reader of a recording has handed on so far, to tell before each further read that the
// file still holds it (bytes-seen.ts): else the recording was written over in place, unless its own
// recorder finished it since and the rest moved (finished-in-place.ts), where it reads on.

import type { LineChunk } from './line-chunks.js';
import type { RecordingSpan } from './recording-address.js';
import { lastBytesOf, stillHolds, writtenOver, type BytesSeen } from './bytes-seen.js';
import { finishedInPlace, firstLine } from './finished-in-place.js';

const NEWLINE = 0x0a;

export class ReadSoFar {
  /** The last bytes handed on (or the span's end as it was found). */
  private seen: BytesSeen | undefined;
  /** The recording's header line as read (newline included), when it may be finished in place. */
  private header: Buffer | undefined;

  constructor(
    private readonly fd: number,
    private readonly span: RecordingSpan,
    start: number,
  ) {
    this.seen = span.seen;
    // Only a recording that is a file of its own is finished in place: one of a file of several
    // went into it whole, its final header in place. Read from its start, its header is the first
    // line handed on; read from further in (a page of it), it is read now.
    if (span.end === undefined && start !== span.start) this.header = firstLine(fd);
  }

  /** Notes `chunk` as handed on; returns it. */
  handedOn(chunk: LineChunk): LineChunk {
    const { bytes, offset } = chunk;
    if (offset === this.span.start && this.span.end === undefined)
      this.header = Buffer.from(bytes.subarray(0, bytes.indexOf(NEWLINE) + 1));
    this.seen = lastBytesOf(bytes, offset + bytes.length);
    return chunk;
  }

  /**
   * Checks that the file still holds what was handed on. Returns undefined when it does; the
   * offset to read on from when its recorder finished the recording since (what was read after
   * what was handed on may be from before or after that: it is read again). Throws a
   * RecordingError naming the recording when it was written over in place or cut.
   */
  check(): number | undefined {
    const seen = this.seen;
    if (seen === undefined || stillHolds(this.fd, seen)) return undefined;
    const finished = this.header && finishedInPlace(this.fd, this.header, seen);
    if (!finished) throw writtenOver(this.fd, seen, this.span.address);
    this.header = finished.header;
    this.seen = finished.seen;
    return finished.seen.end;
  }
}
