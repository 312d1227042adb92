// A message's recording line written as bytes, straight into the writer's batch. A stream records
// a line per message, and making it a string first (a template of ten parts, the raw's base64 a
// string of its own, the time through String()) and then encoding that into the batch was, with
// the garbage it left, about a sixth of the capture thread's work a message (bench:proxy). Only
// the payload's JSON text is a string here (JSON.stringify's); the rest is copied or encoded in
// place. serializeEvent makes a message's line with this, so there is one spelling of it:
//   {"dir":"server","type":"received","message":<JSON>,"size":N[,"wireSize":N[,"encoding":"…"]]
//    [,"raw":"<base64>"][,"decodeError":"…"][,"rawDropped":"…"],"seq":N,"t":T}
import type { CallEvent } from '../../../shared/calls/events.js';
import { base64Length, encodeBase64Into } from './base64-into.js';
import { ascii, put, putText } from './line-bytes.js';
import { MAX_NUMBER_BYTES, putNumber, writeSeqAndTime } from './seq-and-time.js';

export type MessageEvent = Extract<CallEvent, { type: 'sent' | 'received' }>;

const SENT_HEAD = ascii('{"dir":"client","type":"sent","message":');
const RECEIVED_HEAD = ascii('{"dir":"server","type":"received","message":');
const SIZE_KEY = ascii(',"size":');
const WIRE_SIZE_KEY = ascii(',"wireSize":');
const ENCODING_KEY = ascii(',"encoding":');
const RAW_KEY = ascii(',"raw":"');
const DECODE_ERROR_KEY = ascii(',"decodeError":');
const RAW_DROPPED_KEY = ascii(',"rawDropped":"');
const QUOTE = 0x22;
/** `,"seq":` + 16 digits + `,"t":` + 25 + `}\n` (writeSeqAndTime). */
const TAIL_BYTES = 64;
/** The longest fixed text of a line: keys, quotes and numbers, all but the strings and the raw. */
const FIXED_BYTES =
  RECEIVED_HEAD.length +
  SIZE_KEY.length +
  MAX_NUMBER_BYTES +
  WIRE_SIZE_KEY.length +
  MAX_NUMBER_BYTES +
  ENCODING_KEY.length +
  RAW_KEY.length +
  1 +
  DECODE_ERROR_KEY.length +
  RAW_DROPPED_KEY.length +
  1 +
  TAIL_BYTES;

/**
 * A message line's parts that are strings, made once for both measuring and writing it: one
 * object for the module's life (a line is measured and written before the next is begun).
 */
const parts = {
  /** The payload's JSON text, as a template would spell it (`undefined` for none). */
  json: '',
  /** Whether the line has a raw: the event's base64 (rawText) or that of `bytes`. */
  raw: false,
  rawText: '',
  bytes: undefined as Uint8Array | undefined,
  /** JSON.stringify(encoding), or ''. */
  encoding: '',
  /** JSON.stringify(decodeError), or ''. */
  decodeError: '',
};

/**
 * Settles the line of `event` (its payload's JSON text made here) and returns the most bytes it
 * can take; writeMessageLine then writes it. `bytes` is the message's encoding, its raw when the
 * event has none; a message that held a secret has no raw (main/calls/secret-mask.ts), whatever
 * is handed in.
 */
export function measureMessageLine(event: Readonly<MessageEvent>, bytes?: Uint8Array): number {
  parts.json = String(JSON.stringify(event.message));
  const dropped = event.rawDropped !== undefined;
  parts.rawText = dropped ? '' : (event.raw ?? '');
  parts.bytes = dropped || event.raw !== undefined ? undefined : bytes;
  parts.raw = !dropped && (event.raw !== undefined || bytes !== undefined);
  parts.encoding =
    event.wireSize !== undefined && event.encoding !== undefined
      ? JSON.stringify(event.encoding)
      : '';
  parts.decodeError = event.decodeError === undefined ? '' : JSON.stringify(event.decodeError);
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  const strings =
    parts.json.length +
    parts.rawText.length +
    parts.encoding.length +
    parts.decodeError.length +
    (event.rawDropped?.length ?? 0);
  return FIXED_BYTES + strings * 3 + (parts.bytes ? base64Length(parts.bytes.length) : 0);
}

/**
 * Writes the line measureMessageLine settled, newline included, at `at` of `buf` (room: what
 * that returned); returns the position after it.
 */
export function writeMessageLine(buf: Buffer, at: number, event: Readonly<MessageEvent>): number {
  let o = put(buf, at, event.type === 'sent' ? SENT_HEAD : RECEIVED_HEAD);
  o = putText(buf, o, parts.json);
  o = putNumber(buf, put(buf, o, SIZE_KEY), event.size);
  // A message that crossed the wire compressed says how big it was there and in what encoding
  // (the renderer shows it beside the decoded size); the encoding is the peer's header text.
  if (event.wireSize !== undefined) {
    o = putNumber(buf, put(buf, o, WIRE_SIZE_KEY), event.wireSize);
    if (parts.encoding !== '') o = putText(buf, put(buf, o, ENCODING_KEY), parts.encoding);
  }
  if (parts.raw) {
    o = put(buf, o, RAW_KEY);
    o = parts.bytes ? encodeBase64Into(parts.bytes, buf, o) : putText(buf, o, parts.rawText);
    buf[o++] = QUOTE;
  }
  if (parts.decodeError !== '') o = putText(buf, put(buf, o, DECODE_ERROR_KEY), parts.decodeError);
  if (event.rawDropped !== undefined) {
    o = putText(buf, put(buf, o, RAW_DROPPED_KEY), event.rawDropped);
    buf[o++] = QUOTE;
  }
  parts.bytes = undefined; // not kept past its line (a view of a chunk that goes on)
  return writeSeqAndTime(buf, o, event.seq, event.t);
}
