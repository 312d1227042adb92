import type { JsonValue } from '../../../shared/calls/events.js';
import { parseEventLine } from '../reader/event-reader.js';
import { lineChunks } from '../reader/line-chunks.js';
import { RecordingError } from '../recording-error.js';
import { base64DecodedLength, decodeBase64Into } from './base64-bytes.js';
import { emptySentLineParts, isServerLine, parseSentLine } from './sent-line.js';

/** A client-side step of a recording, as replay needs it. */
export type ClientStep =
  SendStep | { kind: 'half_close'; t: number } | { kind: 'cancel'; t: number };

export interface SendStep {
  kind: 'send';
  t: number;
  /** The message as it goes on the wire. */
  bytes: Buffer;
  /**
   * The new recording's line for this message is `head[headStart, headEnd)` (the recorded line up
   * to its seq, or one made in the same form) followed by the new seq and t.
   */
  head: Buffer;
  headStart: number;
  headEnd: number;
}

const CANCELLED = 1;
const NEWLINE = 0x0a;
/** Decoded messages are cut from slabs this big, as Buffer's own pool does, not allocated one by one. */
const SLAB_SIZE = 64 * 1024;

/** Hands out views of shared slabs; a message bigger than a quarter slab gets its own buffer. */
function slabAllocator(): (size: number) => Buffer {
  let slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
  let used = 0;
  return (size) => {
    if (size > SLAB_SIZE / 4) return Buffer.allocUnsafeSlow(size);
    if (used + size > SLAB_SIZE) {
      slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
      used = 0;
    }
    const view = slab.subarray(used, used + size);
    // Keeps the next view 8-aligned like Buffer's pool does; the gap is never handed out.
    used = (used + size + 7) & ~7;
    return view;
  };
}

/** A sent line in any other form (hand-written, edited, without raw), parsed in full. */
function parsedSend(
  event: { t: number; message: JsonValue; raw?: string | undefined },
  encode: (message: JsonValue) => Uint8Array,
  file: string,
  line: number,
): SendStep {
  let bytes: Buffer;
  if (event.raw !== undefined) bytes = Buffer.from(event.raw, 'base64');
  else {
    try {
      bytes = Buffer.from(encode(event.message));
    } catch (error) {
      throw new RecordingError(
        `sent message has no raw bytes and cannot be encoded: ${(error as Error).message}`,
        file,
        line,
      );
    }
  }
  const raw = event.raw ?? bytes.toString('base64');
  const head = Buffer.from(
    `{"dir":"client","type":"sent","message":${JSON.stringify(event.message)},"size":${bytes.length},"raw":"${raw}"`,
  );
  return { kind: 'send', t: event.t, bytes, head, headStart: 0, headEnd: head.length };
}

/**
 * The client side of a recording, streamed in batches of steps (the header line is skipped).
 * `encode` makes the bytes of a sent message recorded without `raw`. A corrupt line throws a
 * RecordingError with file and line, except a cut last line, which ends the steps before it.
 */
export async function* clientSteps(
  file: string,
  encode: (message: JsonValue) => Uint8Array,
): AsyncGenerator<ClientStep[]> {
  const parts = emptySentLineParts();
  const allocate = slabAllocator();
  let lineNo = 0;
  for await (const chunk of lineChunks(file)) {
    const buf = chunk.bytes;
    const steps: ClientStep[] = [];
    let start = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(NEWLINE, start);
      const end = nl === -1 ? buf.length : nl;
      const lineStart = start;
      start = end + 1;
      lineNo++;
      if (lineNo === 1 || end === lineStart) continue; // the header, blank lines
      if (parseSentLine(buf, lineStart, end, parts)) {
        const size = base64DecodedLength(buf, parts.rawStart, parts.rawEnd);
        if (size === parts.size) {
          const bytes = allocate(size);
          if (decodeBase64Into(buf, parts.rawStart, parts.rawEnd, bytes, 0)) {
            steps.push({
              kind: 'send',
              t: parts.t,
              bytes,
              head: buf,
              headStart: lineStart,
              headEnd: parts.headEnd,
            });
            continue;
          }
        }
      }
      // Server lines cannot matter here; skip them without parsing.
      if (isServerLine(buf, lineStart, end)) continue;
      const text = buf.toString('utf8', lineStart, end);
      let event;
      try {
        event = parseEventLine({ text, line: lineNo, offset: chunk.offset + lineStart }, file);
      } catch (error) {
        if (chunk.unterminated) break; // a cut last line: replay what was recorded before it
        throw error;
      }
      if (event.type === 'sent') steps.push(parsedSend(event, encode, file, lineNo));
      else if (event.type === 'half_closed') steps.push({ kind: 'half_close', t: event.t });
      else if (event.type === 'status' && event.status.code === CANCELLED)
        steps.push({ kind: 'cancel', t: event.t });
    }
    if (steps.length > 0) yield steps;
  }
}
