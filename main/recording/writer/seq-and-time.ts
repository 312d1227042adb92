// The `,"seq":N,"t":T}` and newline that end a replayed message line, written as bytes. Making it
// a string first (a template) and then copying that into the batch cost more than the rest of the
// line; the digits are written here exactly as String(number) spells them.

const ZERO = 0x30;
const DOT = 0x2e;
/**
 * Times below this (ms, ~11 days) in whole microseconds are written digit by digit: for them the
 * plain decimal is the shortest text that reads back as the same double, which is what String()
 * prints. Anything else (more decimals, huge) goes through String().
 */
const MAX_FAST_T = 1e9;
/** Integers below this are written with 32-bit arithmetic. */
const MAX_FAST_INTEGER = 2 ** 31 - 1;

function digitCount(n: number): number {
  let digits = 1;
  for (let limit = 10; n >= limit && digits < 10; limit *= 10) digits++;
  return digits;
}

/** Writes an integer in [0, 2^31) in decimal; returns the position after it. */
function putSmallInteger(buf: Buffer, at: number, n: number): number {
  const end = at + digitCount(n);
  let i = end;
  let x = n;
  do {
    const rest = (x / 10) | 0;
    buf[--i] = ZERO + x - rest * 10;
    x = rest;
  } while (x > 0);
  return end;
}

/** Writes String(n) (ASCII) at `at`; returns the position after it. */
function putNumberText(buf: Buffer, at: number, n: number): number {
  const text = String(n);
  for (let i = 0; i < text.length; i++) buf[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** The most bytes String(n) takes for any number (`-1.2345678901234567e-308`). */
export const MAX_NUMBER_BYTES = 25;

const BILLION = 1e9;

/** Writes String(n) at `at` (at most MAX_NUMBER_BYTES); returns the position after it. */
export function putNumber(buf: Buffer, at: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) return putNumberText(buf, at, n);
  if (n <= MAX_FAST_INTEGER) return putSmallInteger(buf, at, n);
  if (!Number.isSafeInteger(n)) return putNumberText(buf, at, n);
  // Up to 2^53: the digits above the last nine (< 2^31), then those nine with their zeros (an
  // epoch time in ms, a header's startedAt, went through String() at ~0.2 µs).
  const high = Math.floor(n / BILLION);
  const o = putSmallInteger(buf, at, high);
  const low = n - high * BILLION;
  const end = o + 9;
  let x = low;
  for (let i = end - 1; i >= o; i--) {
    const rest = (x / 10) | 0;
    buf[i] = ZERO + x - rest * 10;
    x = rest;
  }
  return end;
}

const NULL = [0x6e, 0x75, 0x6c, 0x6c];

/** Writes JSON.stringify(n) at `at` (at most MAX_NUMBER_BYTES); returns the position after it. */
export function putJsonNumber(buf: Buffer, at: number, n: number): number {
  if (Number.isInteger(n)) return putNumber(buf, at, n);
  if (Number.isFinite(n)) return putTime(buf, at, n); // String(n), quickly for whole µs
  buf.set(NULL, at);
  return at + NULL.length;
}

function putTime(buf: Buffer, at: number, t: number): number {
  const micros = Math.round(t * 1000);
  if (!(t >= 0 && t < MAX_FAST_T) || micros / 1000 !== t) return putNumberText(buf, at, t);
  const whole = Math.floor(micros / 1000);
  let o = putSmallInteger(buf, at, whole);
  const fraction = micros - whole * 1000;
  if (fraction === 0) return o;
  // Three decimals, trailing zeros dropped
  const hundreds = (fraction / 100) | 0;
  const tens = ((fraction / 10) | 0) % 10;
  const ones = fraction % 10;
  buf[o++] = DOT;
  buf[o++] = ZERO + hundreds;
  if (tens === 0 && ones === 0) return o;
  buf[o++] = ZERO + tens;
  if (ones !== 0) buf[o++] = ZERO + ones;
  return o;
}

/**
 * Writes `,"seq":SEQ,"t":T}` and a newline at `at` (at most 64 bytes); returns the position after.
 * The text is what `${seq}` and `${t}` would give.
 */
export function writeSeqAndTime(buf: Buffer, at: number, seq: number, t: number): number {
  let o = at;
  // ,"seq":
  buf[o++] = 0x2c;
  buf[o++] = 0x22;
  buf[o++] = 0x73;
  buf[o++] = 0x65;
  buf[o++] = 0x71;
  buf[o++] = 0x22;
  buf[o++] = 0x3a;
  o = putNumber(buf, o, seq);
  // ,"t":
  buf[o++] = 0x2c;
  buf[o++] = 0x22;
  buf[o++] = 0x74;
  buf[o++] = 0x22;
  buf[o++] = 0x3a;
  o = putTime(buf, o, t);
  buf[o++] = 0x7d; // }
  buf[o++] = 0x0a; // newline
  return o;
}
