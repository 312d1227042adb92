// A recording's header line, written as bytes: JSON.stringify(header) and a newline. The capture
// proxy starts a recording per call, and stringifying its header (then cutting the text around
// the schema files and encoding it) took ~4 µs a call on the bench's machine, as much as a
// unary call's other lines together. What is the same call after call is made once: the text up
// to `startedAt` (format, method, kind, types, target), the `files` array's JSON (per array:
// methodFiles shares one per method), the `schemaSource` after it. Only a header whose keys
// stand in the order the recorder makes them is put together from parts; any other is
// stringified whole, so the line is always what JSON.stringify writes.
import type { RecordingHeader } from '../../../shared/recording/index.js';
import { ascii, put, putText } from './line-bytes.js';
import { MAX_NUMBER_BYTES, putNumber } from './seq-and-time.js';

const METADATA_KEY = ascii(',"metadata":');
const DEADLINE_KEY = ascii(',"deadlineMs":');
const FILES_KEY = ascii(',"files":');

/** The header's keys in the order headerOf (call-recorder.ts) and the capture proxy make them. */
const KEYS = [
  'format',
  'version',
  'method',
  'kind',
  'requestType',
  'responseType',
  'target',
  'startedAt',
  'metadata',
  'deadlineMs',
  'files',
  'schemaSource',
  'replayOf',
  'secrets',
] as const;
const OPTIONAL = new Set<string>(['deadlineMs', 'schemaSource', 'replayOf', 'secrets']);
/** The keys after `files`, stringified as they come (their text kept while it repeats). */
const AFTER_FILES = ['schemaSource', 'replayOf', 'secrets'] as const;

/** Whether `header` has the keys of KEYS, in that order (optional ones may be missing). */
function inOrder(header: RecordingHeader): boolean {
  const keys = Object.keys(header);
  let at = 0;
  for (const key of KEYS)
    if (keys[at] === key) at++;
    else if (!OPTIONAL.has(key)) return false;
  return at === keys.length;
}

/** The JSON of header `files` arrays shared by many recordings (methodFiles), made once each. */
const filesJson = new WeakMap<readonly string[], Uint8Array>();

type HeadValues = Pick<
  RecordingHeader,
  'format' | 'version' | 'method' | 'kind' | 'requestType' | 'responseType' | 'target'
>;
type TailValues = Pick<RecordingHeader, (typeof AFTER_FILES)[number]>;

/** The text up to `"startedAt":` and the values it holds, kept while they repeat. */
let head: { values: HeadValues; bytes: Uint8Array } | undefined;
/** The text after the files (and the line's end) and the values it holds, kept while they repeat. */
let tail: { values: TailValues; bytes: Uint8Array } | undefined;

function headOf(h: RecordingHeader): Uint8Array {
  const v = head?.values;
  if (
    head &&
    v &&
    v.format === h.format &&
    v.version === h.version &&
    v.method === h.method &&
    v.kind === h.kind &&
    v.requestType === h.requestType &&
    v.responseType === h.responseType &&
    v.target === h.target
  )
    return head.bytes;
  const { format, version, method, kind, requestType, responseType, target } = h;
  const values = { format, version, method, kind, requestType, responseType, target };
  // What JSON.stringify makes of these keys (the header's first, in this order), then the next key.
  const text = JSON.stringify(values);
  head = { values, bytes: Buffer.from(`${text.slice(0, -1)},"startedAt":`) };
  return head.bytes;
}

/**
 * Whether two `secrets` lists name the same secrets. Compared name by name, not by identity: a
 * caller may reuse one array and add to it between headers (the cache keeps its own copy).
 */
function sameNames(
  kept: readonly string[] | undefined,
  now: readonly string[] | undefined,
): boolean {
  if (kept === undefined || now === undefined) return kept === now;
  return kept.length === now.length && kept.every((name, i) => name === now[i]);
}

function tailOf(h: RecordingHeader): Uint8Array {
  const v = tail?.values;
  if (
    tail &&
    v &&
    v.schemaSource === h.schemaSource &&
    v.replayOf === h.replayOf &&
    sameNames(v.secrets, h.secrets)
  )
    return tail.bytes;
  const values: TailValues = {};
  let text = '';
  for (const key of AFTER_FILES)
    if (h[key] !== undefined) {
      // A copy of the secrets: the caller's array may change after this header.
      const value = key === 'secrets' ? [...(h.secrets as string[])] : h[key];
      Object.assign(values, { [key]: value });
      text += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    }
  tail = { values, bytes: Buffer.from(`${text}}\n`) };
  return tail.bytes;
}

/** A header line's parts, settled by measureHeaderLine for writeHeaderLine (one at a time). */
const parts = {
  header: undefined as RecordingHeader | undefined,
  /** The whole line when the header is not put together from parts, else ''. */
  whole: '',
  head: new Uint8Array(0) as Uint8Array,
  metadata: '',
  files: new Uint8Array(0) as Uint8Array,
  tail: new Uint8Array(0) as Uint8Array,
};

/** Settles `header`'s line and returns the most bytes it takes; writeHeaderLine writes it. */
export function measureHeaderLine(header: RecordingHeader): number {
  parts.header = header;
  const files = header.files;
  const plain =
    Array.isArray(files) &&
    Object.isFrozen(files) &&
    Array.isArray(header.metadata) &&
    Number.isFinite(header.startedAt) &&
    (header.deadlineMs === undefined || Number.isFinite(header.deadlineMs));
  if (!plain || !inOrder(header)) {
    parts.whole = `${JSON.stringify(header)}\n`;
    return parts.whole.length * 3;
  }
  parts.whole = '';
  let json = filesJson.get(files);
  if (json === undefined) filesJson.set(files, (json = Buffer.from(JSON.stringify(files))));
  parts.files = json;
  parts.head = headOf(header);
  parts.tail = tailOf(header);
  parts.metadata = JSON.stringify(header.metadata);
  return (
    parts.head.length +
    MAX_NUMBER_BYTES +
    METADATA_KEY.length +
    parts.metadata.length * 3 +
    DEADLINE_KEY.length +
    MAX_NUMBER_BYTES +
    FILES_KEY.length +
    json.length +
    parts.tail.length
  );
}

/** Writes the line measureHeaderLine settled at `at` (room: what it returned); returns its end. */
export function writeHeaderLine(buf: Buffer, at: number): number {
  const header = parts.header as RecordingHeader;
  parts.header = undefined;
  if (parts.whole !== '') return putText(buf, at, parts.whole);
  let o = putNumber(buf, put(buf, at, parts.head), header.startedAt);
  o = put(buf, o, METADATA_KEY);
  o = putText(buf, o, parts.metadata);
  if (header.deadlineMs !== undefined)
    o = putNumber(buf, put(buf, o, DEADLINE_KEY), header.deadlineMs);
  return put(buf, put(buf, put(buf, o, FILES_KEY), parts.files), parts.tail);
}

/** The header's line as bytes, newline included. */
export function headerBytes(header: RecordingHeader): Buffer {
  const line = Buffer.allocUnsafe(measureHeaderLine(header));
  return line.subarray(0, writeHeaderLine(line, 0));
}

/** The header's line as text, newline included. */
export function headerText(header: RecordingHeader): string {
  return headerBytes(header).toString();
}
