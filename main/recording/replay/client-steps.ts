import type { JsonValue } from '../../../shared/calls/events.js';
import { maskedNames, restoreSecrets } from '../../calls/index.js';
import { parseEventLine } from '../reader/event-reader.js';
import { lineChunks, type LineChunk } from '../reader/line-chunks.js';
import { resolveRecording, type RecordingSource } from '../reader/recording-address.js';
import { RecordingError } from '../recording-error.js';
import { base64DecodedLength, decodeBase64Into } from './base64-bytes.js';
import { emptySentLineParts, isServerLine, parseSentLine, timeText } from './sent-line.js';

export type ClientStepKind = 'send' | 'half_close' | 'cancel';

const CANCELLED = 1;
const NEWLINE = 0x0a;
/** Replay reads big chunks: each read wakes a thread-pool thread, which costs as much as a 64 KiB copy. */
const READ_SIZE = 1024 * 1024;
/** Decoded messages are cut from slabs this big, as Buffer's own pool does, not allocated one by one. */
const SLAB_SIZE = 64 * 1024;

/**
 * The client side of a recording (what replay sends), read one step at a time: step() moves to
 * the next step of the chunk in memory and fills in this object's fields, more() reads the next
 * chunk. No object is made per step, and a step is taken apart only when replay gets to it, so
 * what it allocates (the message's bytes) dies young. Our writer's sent lines are taken apart as
 * bytes (sent-line.ts); any other line is parsed in full. A corrupt line throws a RecordingError
 * with file and line, except a cut last line (crash), which ends the steps before it.
 */
export class ClientSteps {
  kind: ClientStepKind = 'send';
  /**
   * Recorded time of the step (ms from the start). Without `times`, a sent line's time that is not
   * a plain decimal (ours are) is left unread: NaN.
   */
  t = 0;
  /** For 'send': the message as it goes on the wire. */
  bytes: Buffer = Buffer.alloc(0);
  /**
   * For 'send': the new recording's line for this message is `head[headStart, headEnd)` (the
   * recorded line up to its seq, or one made in the same form) followed by the new seq and t.
   * Valid until the next step() or more().
   */
  head: Buffer = Buffer.alloc(0);
  headStart = 0;
  headEnd = 0;

  private readonly chunks: AsyncGenerator<LineChunk>;
  private chunk: LineChunk | undefined;
  private at = 0; // next line's start in chunk.bytes
  private lineNo = 0;
  private readonly headerLine: number;
  /** The recording's address, which errors name. */
  private readonly file: string;
  private readonly parts = emptySentLineParts();
  private slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
  private slabUsed = 0;

  constructor(
    recording: RecordingSource,
    /** Makes the bytes of a sent message recorded without `raw`. */
    private readonly encode: (message: JsonValue) => Uint8Array,
    /** Are the steps' times wanted (replay with timing)? */
    private readonly times = true,
    /** Values of the secrets the recording masked (from the environment again), by name. */
    private readonly secrets: ReadonlyMap<string, string> = new Map(),
  ) {
    const span = resolveRecording(recording);
    this.file = span.address;
    this.chunks = lineChunks(span, { readSize: READ_SIZE });
    // Line numbers are the file's (a recording of a file of several starts further in).
    this.headerLine = span.firstLine;
    this.lineNo = this.headerLine - 1;
  }

  /** Reads the next chunk of lines; false at the end of the file. */
  async more(): Promise<boolean> {
    const next = await this.chunks.next();
    if (next.done) {
      this.chunk = undefined;
      return false;
    }
    this.chunk = next.value;
    this.at = 0;
    return true;
  }

  async close(): Promise<void> {
    await this.chunks.return(undefined);
  }

  /** Moves to the next step in the chunk read; false when the chunk has no more (call more()). */
  step(): boolean {
    const chunk = this.chunk;
    if (!chunk) return false;
    const buf = chunk.bytes;
    while (this.at < buf.length) {
      const start = this.at;
      const nl = buf.indexOf(NEWLINE, start);
      const end = nl === -1 ? buf.length : nl;
      this.at = end + 1;
      this.lineNo++;
      if (this.lineNo === this.headerLine || end === start) continue; // the header, blank lines
      if (this.fastSend(buf, start, end)) return true;
      if (isServerLine(buf, start, end)) continue; // the server side cannot matter here
      if (this.parsedLine(chunk, start, end)) return true;
    }
    return false;
  }

  /** Our writer's sent line, taken apart as bytes; false if it is not exactly that. */
  private fastSend(buf: Buffer, start: number, end: number): boolean {
    const parts = this.parts;
    if (!parseSentLine(buf, start, end, parts)) return false;
    let t = parts.t;
    if (Number.isNaN(t) && this.times) {
      t = timeText(buf, parts);
      if (!Number.isFinite(t)) return false;
    }
    const size = parts.size;
    if (base64DecodedLength(buf, parts.rawStart, parts.rawEnd) !== size) return false;
    const bytes = this.allocate(size);
    if (!decodeBase64Into(buf, parts.rawStart, parts.rawEnd, bytes, 0)) return false;
    this.kind = 'send';
    this.t = t;
    this.bytes = bytes;
    this.head = buf;
    this.headStart = start;
    this.headEnd = parts.headEnd;
    return true;
  }

  /** Any other line, parsed in full; false for lines that are no client step. */
  private parsedLine(chunk: LineChunk, start: number, end: number): boolean {
    const text = chunk.bytes.toString('utf8', start, end);
    let event;
    try {
      event = parseEventLine({ text, line: this.lineNo, offset: chunk.offset + start }, this.file);
    } catch (error) {
      if (!chunk.unterminated) throw error;
      this.at = chunk.bytes.length; // a cut last line: replay what was recorded before it
      return false;
    }
    if (event.type === 'sent' && event.rawDropped !== undefined) {
      this.kind = 'send';
      this.t = event.t;
      this.bytes = this.restoredBytes(event.message);
      // The new recording keeps the masked form: the values go on the wire only.
      this.head = Buffer.from(
        `{"dir":"client","type":"sent","message":${JSON.stringify(event.message)},"size":${this.bytes.length},"rawDropped":"${event.rawDropped}"`,
      );
      this.headStart = 0;
      this.headEnd = this.head.length;
      return true;
    }
    if (event.type === 'sent') {
      this.kind = 'send';
      this.t = event.t;
      this.bytes = this.sentBytes(event.message, event.raw);
      const raw = event.raw ?? this.bytes.toString('base64');
      this.head = Buffer.from(
        `{"dir":"client","type":"sent","message":${JSON.stringify(event.message)},"size":${this.bytes.length},"raw":"${raw}"`,
      );
      this.headStart = 0;
      this.headEnd = this.head.length;
      return true;
    }
    if (event.type === 'half_closed') {
      this.kind = 'half_close';
      this.t = event.t;
      return true;
    }
    if (event.type === 'status' && event.status.code === CANCELLED) {
      this.kind = 'cancel';
      this.t = event.t;
      return true;
    }
    return false;
  }

  /** A message whose secrets the recording masked, with their values put back and encoded. */
  private restoredBytes(message: JsonValue): Buffer {
    const names = maskedNames(message);
    const missing = names.filter((name) => !this.secrets.has(name));
    if (names.length === 0 || missing.length > 0)
      throw new RecordingError(
        names.length === 0
          ? 'the message sent here held a secret value that the recording masked inside its bytes, so it cannot be sent again'
          : `the message sent here held secret ${missing.map((n) => `"${n}"`).join(', ')}, masked in the recording; replay it with an environment that has ${missing.length === 1 ? 'it' : 'them'}`,
        this.file,
        this.lineNo,
      );
    return this.sentBytes(restoreSecrets(message, this.secrets), undefined);
  }

  private sentBytes(message: JsonValue, raw: string | undefined): Buffer {
    if (raw !== undefined) return Buffer.from(raw, 'base64');
    try {
      return Buffer.from(this.encode(message));
    } catch (error) {
      throw new RecordingError(
        `sent message has no raw bytes and cannot be encoded: ${(error as Error).message}`,
        this.file,
        this.lineNo,
      );
    }
  }

  /** A view of a shared slab; a message bigger than a quarter slab gets its own buffer. */
  private allocate(size: number): Buffer {
    if (size > SLAB_SIZE / 4) return Buffer.allocUnsafeSlow(size);
    if (this.slabUsed + size > SLAB_SIZE) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
      this.slabUsed = 0;
    }
    const view = this.slab.subarray(this.slabUsed, this.slabUsed + size);
    // Keeps the next view 8-aligned like Buffer's pool does; the gap is never handed out.
    this.slabUsed = (this.slabUsed + size + 7) & ~7;
    return view;
  }
}
