// The recording line of an event that is not a message, written as bytes: `{"dir":"…",` and what
// JSON.stringify makes of the event after its `{`. A proxied unary call records six of them
// (started, half_closed, headers, trailers, status, ended), and stringifying each whole (its
// numbers through String()) then encoding the text into the batch was, with the header, most of
// what writing its recording cost. Here each value is stringified (a number written as digits)
// and the keys' text is made once; the line is JSON.stringify's, key for key. An event that
// brings a toJSON of its own (or of a value) is stringified whole, as before.
import type { CallEvent } from '../../../shared/calls/events.js';
import { directionOf } from '../../../shared/recording/index.js';
import { ascii, put, putText } from './line-bytes.js';
import { MAX_NUMBER_BYTES, putJsonNumber } from './seq-and-time.js';

/** What every line of a direction starts with, before the event's first key. */
const DIR_HEAD: Record<string, Uint8Array> = {
  client: ascii('{"dir":"client"'),
  server: ascii('{"dir":"server"'),
  local: ascii('{"dir":"local"'),
};
const LINE_END = ascii('}\n');

/** `,"key":` per key, made once (an event has few keys, of few names). */
const keyTexts = new Map<string, Uint8Array>();
const MAX_KEY_TEXTS = 256;

function keyText(key: string): Uint8Array {
  let text = keyTexts.get(key);
  if (text === undefined) {
    if (keyTexts.size >= MAX_KEY_TEXTS) keyTexts.clear();
    keyTexts.set(key, (text = Buffer.from(`,${JSON.stringify(key)}:`)));
  }
  return text;
}

const hasToJson = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { toJSON?: unknown }).toJSON === 'function';

/** An event line's parts, settled by measureEventLine for writeEventLine (one line at a time). */
const parts = {
  head: DIR_HEAD.local as Uint8Array,
  /** The whole line when the event is stringified whole, else ''. */
  whole: '',
  count: 0,
  keys: [] as Uint8Array[],
  /** Each key's value: a number (written as digits) or its JSON text. */
  values: [] as (number | string)[],
};

/** Settles `event`'s line and returns the most bytes it takes; writeEventLine writes it. */
export function measureEventLine(event: Readonly<CallEvent>): number {
  const direction = directionOf(event.type);
  parts.head = DIR_HEAD[direction] as Uint8Array;
  parts.whole = '';
  parts.count = 0;
  if (hasToJson(event)) return whole(event, direction);
  let most = parts.head.length + LINE_END.length;
  const record = event as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    let text: number | string;
    if (typeof value === 'number') {
      text = value;
      most += MAX_NUMBER_BYTES;
    } else {
      if (hasToJson(value)) return whole(event, direction);
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) continue; // undefined, a function: JSON.stringify leaves the key out
      text = json;
      most += json.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 unit
    }
    const keyBytes = keyText(key);
    most += keyBytes.length;
    parts.keys[parts.count] = keyBytes;
    parts.values[parts.count++] = text;
  }
  return parts.count === 0 ? whole(event, direction) : most;
}

/** The line as the writer spelt it before: the event stringified whole, the direction spliced in. */
function whole(event: Readonly<CallEvent>, direction: string): number {
  parts.whole = `{"dir":"${direction}",${JSON.stringify(event).slice(1)}\n`;
  return parts.whole.length * 3;
}

/** Writes the line measureEventLine settled, newline included, at `at`; returns its end. */
export function writeEventLine(buf: Buffer, at: number): number {
  if (parts.whole !== '') return putText(buf, at, parts.whole);
  let o = put(buf, at, parts.head);
  for (let i = 0; i < parts.count; i++) {
    o = put(buf, o, parts.keys[i] as Uint8Array);
    const value = parts.values[i] as number | string;
    o = typeof value === 'number' ? putJsonNumber(buf, o, value) : putText(buf, o, value);
    parts.values[i] = 0; // its text is not kept past the line
  }
  return put(buf, o, LINE_END);
}
