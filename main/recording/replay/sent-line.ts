// A `sent` line as our own writer (serializeEvent) makes it, taken apart in place, as bytes:
//   {"dir":"client","type":"sent","message":<JSON>,"size":<N>,"raw":"<base64>","seq":<N>,"t":<ms>}
// Replay at max speed handles every message once on its hot path, so it neither decodes the line
// to a string nor parses the payload JSON: the new recording's line is the recorded one up to
// `,"seq":`, copied as bytes. Anything unusual is refused and goes through the full parser.
// (Patterns are Buffers like the lines, so the byte loops see one kind of array.)

const SENT_PREFIX = Buffer.from('{"dir":"client","type":"sent","message":', 'latin1');
const SIZE_KEY = Buffer.from(',"size":', 'latin1');
const RAW_KEY = Buffer.from(',"raw":"', 'latin1');
const SEQ_KEY = Buffer.from(',"seq":', 'latin1');
const T_KEY = Buffer.from(',"t":', 'latin1');
const SERVER_PREFIX = Buffer.from('{"dir":"server"', 'latin1');

const QUOTE = 0x22;
const CLOSE_BRACE = 0x7d;
const DOT = 0x2e;
const ZERO = 0x30;
/** Up to this many digits a decimal is an exact integer over an exact power of ten. */
const MAX_EXACT_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: MAX_EXACT_DIGITS + 1 }, (_, i) => 10 ** i);
/** Sizes up to 9 digits (< 1 GB, far above any message limit) are read here. */
const MAX_SIZE_DIGITS = 9;

/** Where the parts of a sent line are; filled in by parseSentLine (one object reused per read). */
export interface SentLineParts {
  /** End of the part the new recording reuses: the line up to `,"seq":`. */
  headEnd: number;
  /** The raw field's base64 (between its quotes; its characters are checked by the decoder). */
  rawStart: number;
  rawEnd: number;
  size: number;
  /** The line's time, or NaN when it is not a plain decimal (see timeText). */
  t: number;
  /** Where the time's text is. */
  tStart: number;
  tEnd: number;
}

export const emptySentLineParts = (): SentLineParts => ({
  headEnd: 0,
  rawStart: 0,
  rawEnd: 0,
  size: 0,
  t: 0,
  tStart: 0,
  tEnd: 0,
});

/** Is `byte - ZERO` a digit? (Unsigned compare: one test for both ends.) */
function isDigit(byte: number): boolean {
  return (byte - ZERO) >>> 0 < 10;
}

/** Does `pattern` sit in `buf` right before `end`, not before `floor`? */
function endsWith(buf: Buffer, end: number, pattern: Buffer, floor: number): boolean {
  const from = end - pattern.length;
  if (from < floor) return false;
  for (let i = 0; i < pattern.length; i++) if (buf[from + i] !== pattern[i]) return false;
  return true;
}

function startsWith(buf: Buffer, start: number, end: number, pattern: Buffer): boolean {
  return start + pattern.length <= end && endsWith(buf, start + pattern.length, pattern, start);
}

/** Is the line in `buf[start, end)` a server-side line (replay skips those unparsed)? */
export function isServerLine(buf: Buffer, start: number, end: number): boolean {
  return startsWith(buf, start, end, SERVER_PREFIX);
}

/** Start of the run of digits ending at `end` (== end when there is none). */
function digitsBefore(buf: Buffer, end: number, floor: number): number {
  let i = end;
  while (i > floor && isDigit(buf[i - 1] as number)) i--;
  return i;
}

/** Bytes a number's text may hold (t is checked by Number() unless it is a plain decimal). */
function isNumberByte(byte: number): boolean {
  return (
    isDigit(byte) ||
    byte === DOT ||
    byte === 0x65 ||
    byte === 0x45 ||
    byte === 0x2d ||
    byte === 0x2b
  );
}

/**
 * A plain decimal (`123`, `12.345`, at most 15 digits) read exactly as Number() would; NaN for any
 * other text, which timeText() reads.
 */
function plainDecimal(buf: Buffer, start: number, end: number): number {
  let whole = 0;
  let digits = 0;
  let fraction = -1; // digits after the dot, once there is one
  for (let i = start; i < end; i++) {
    const byte = buf[i] as number;
    if (isDigit(byte)) {
      whole = whole * 10 + (byte - ZERO);
      digits++;
      if (fraction !== -1) fraction++;
    } else if (byte === DOT && fraction === -1 && digits > 0) fraction = 0;
    else return NaN;
  }
  if (digits === 0 || digits > MAX_EXACT_DIGITS || fraction === 0) return NaN;
  // Both operands are exact, so one division rounds exactly as parsing the decimal text would.
  return fraction > 0 ? whole / (POWERS_OF_TEN[fraction] as number) : whole;
}

/** Is `buf[start, end)` a JSON number: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
function isJsonNumber(buf: Buffer, start: number, end: number): boolean {
  let i = start;
  const digits = (): number => {
    const from = i;
    while (i < end && isDigit(buf[i] as number)) i++;
    return i - from;
  };
  if (buf[i] === 0x2d) i++;
  const first = buf[i];
  const whole = digits();
  if (whole === 0 || (whole > 1 && first === ZERO)) return false;
  if (buf[i] === DOT) {
    i++;
    if (digits() === 0) return false;
  }
  if (buf[i] === 0x65 || buf[i] === 0x45) {
    i++;
    if (buf[i] === 0x2b || buf[i] === 0x2d) i++;
    if (digits() === 0) return false;
  }
  return i === end;
}

/** The time of a line parseSentLine left unread (parts.t NaN): its text through Number(). */
export function timeText(buf: Buffer, parts: SentLineParts): number {
  return Number(buf.toString('latin1', parts.tStart, parts.tEnd));
}

/**
 * Takes apart the sent line in `buf[start, end)` (no newline) into `parts`. Returns false when the
 * line is not exactly in our writer's form. The raw field is only located: base64 has no quote,
 * so it starts after the last quote before its end, and the decoder refuses any other character.
 */
export function parseSentLine(
  buf: Buffer,
  start: number,
  end: number,
  parts: SentLineParts,
): boolean {
  if (buf[end - 1] !== CLOSE_BRACE || !startsWith(buf, start, end, SENT_PREFIX)) return false;
  const floor = start + SENT_PREFIX.length;
  // t: the last field
  const tEnd = end - 1;
  let tStart = tEnd;
  while (tStart > floor && isNumberByte(buf[tStart - 1] as number)) tStart--;
  if (tStart === tEnd || !endsWith(buf, tStart, T_KEY, floor)) return false;
  // Replay at max speed never needs t: other forms than a plain decimal (our writer's event times,
  // rounded to microseconds) are only checked here and read by timeText() when wanted.
  const t = plainDecimal(buf, tStart, tEnd);
  if (Number.isNaN(t) && !isJsonNumber(buf, tStart, tEnd)) return false;
  // seq: an integer right before it
  const seqEnd = tStart - T_KEY.length;
  const seqStart = digitsBefore(buf, seqEnd, floor);
  if (seqStart === seqEnd || !endsWith(buf, seqStart, SEQ_KEY, floor)) return false;
  const headEnd = seqStart - SEQ_KEY.length;
  // raw: a string right before that
  const rawEnd = headEnd - 1;
  if (rawEnd < floor || buf[rawEnd] !== QUOTE) return false;
  let rawStart = rawEnd;
  while (rawStart > floor && buf[rawStart - 1] !== QUOTE) rawStart--;
  if (!endsWith(buf, rawStart, RAW_KEY, floor)) return false;
  // size: an integer without leading zeros, so the reused text is what a fresh line would say
  const sizeEnd = rawStart - RAW_KEY.length;
  const sizeStart = digitsBefore(buf, sizeEnd, floor);
  const sizeDigits = sizeEnd - sizeStart;
  if (
    sizeDigits === 0 ||
    sizeDigits > MAX_SIZE_DIGITS ||
    (sizeDigits > 1 && buf[sizeStart] === ZERO)
  )
    return false;
  if (!endsWith(buf, sizeStart, SIZE_KEY, floor)) return false;
  let size = 0;
  for (let i = sizeStart; i < sizeEnd; i++) size = size * 10 + ((buf[i] as number) - ZERO);
  parts.headEnd = headEnd;
  parts.rawStart = rawStart;
  parts.rawEnd = rawEnd;
  parts.size = size;
  parts.t = t;
  parts.tStart = tStart;
  parts.tEnd = tEnd;
  return true;
}
