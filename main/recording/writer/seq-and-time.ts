// The `,"seq":N,"t":T}` and newline that end a replayed message line, written as bytes. Making it
// a string first (a template) and then copying that into the batch cost more than the rest of the
// line; the digits are written here exactly as String(number) spells them.

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const SEQ_KEY = ascii(',"seq":');
const T_KEY = ascii(',"t":');
const ZERO = 0x30;
const DOT = 0x2e;
const CLOSE_LINE = ascii('}\n');
/**
 * Times below this (ms, ~11 days) in whole microseconds are written digit by digit: for them the
 * plain decimal is the shortest text that reads back as the same double, which is what String()
 * prints. Anything else (more decimals, huge) goes through String().
 */
const MAX_FAST_T = 1e9;

function putBytes(buf: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) buf[at + i] = bytes[i] as number;
  return at + bytes.length;
}

/** Writes a non-negative safe integer in decimal; returns the position after it. */
function putInteger(buf: Uint8Array, at: number, n: number): number {
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  let x = n;
  for (let i = at + digits - 1; i >= at; i--) {
    buf[i] = ZERO + (x % 10);
    x = Math.floor(x / 10);
  }
  return at + digits;
}

/** Writes String(n) (ASCII) at `at`; returns the position after it. */
function putNumberText(buf: Uint8Array, at: number, n: number): number {
  const text = String(n);
  for (let i = 0; i < text.length; i++) buf[at + i] = text.charCodeAt(i);
  return at + text.length;
}

function putTime(buf: Uint8Array, at: number, t: number): number {
  const micros = Math.round(t * 1000);
  if (!(t >= 0 && t < MAX_FAST_T) || micros / 1000 !== t) return putNumberText(buf, at, t);
  let o = putInteger(buf, at, Math.floor(micros / 1000));
  let fraction = micros % 1000;
  if (fraction === 0) return o;
  buf[o++] = DOT;
  let scale = 100;
  while (fraction > 0) {
    const digit = Math.floor(fraction / scale);
    buf[o++] = ZERO + digit;
    fraction -= digit * scale;
    scale /= 10;
  }
  return o;
}

/**
 * Writes `,"seq":SEQ,"t":T}` and a newline at `at` (at most 64 bytes); returns the position after.
 * The text is what `${seq}` and `${t}` would give.
 */
export function writeSeqAndTime(buf: Uint8Array, at: number, seq: number, t: number): number {
  let o = putBytes(buf, at, SEQ_KEY);
  o = Number.isSafeInteger(seq) && seq >= 0 ? putInteger(buf, o, seq) : putNumberText(buf, o, seq);
  o = putBytes(buf, o, T_KEY);
  o = putTime(buf, o, t);
  return putBytes(buf, o, CLOSE_LINE);
}
