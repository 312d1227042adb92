// Base64 encoded straight into a buffer. Node 20 encodes base64 only to a string: a recorded
// message's raw made a string (then copied into the line, then into the batch) for every message
// of a stream, ~3× what encoding the few dozen bytes of a usual message here costs (bench:proxy's
// capture thread). The output is what Buffer's 'base64' gives: standard alphabet, padded.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CHARS = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 0x3d; // '='

/** How many bytes the base64 of `n` bytes takes (padded). */
export function base64Length(n: number): number {
  return Math.ceil(n / 3) * 4;
}

/** Writes the base64 of `src` into `dst` at `at` (room: base64Length); returns the position after it. */
export function encodeBase64Into(src: Uint8Array, dst: Uint8Array, at: number): number {
  const n = src.length;
  let o = at;
  let i = 0;
  for (const whole = n - 2; i < whole; i += 3) {
    const x = ((src[i] as number) << 16) | ((src[i + 1] as number) << 8) | (src[i + 2] as number);
    dst[o] = CHARS[x >>> 18] as number;
    dst[o + 1] = CHARS[(x >>> 12) & 63] as number;
    dst[o + 2] = CHARS[(x >>> 6) & 63] as number;
    dst[o + 3] = CHARS[x & 63] as number;
    o += 4;
  }
  if (i === n) return o;
  // One or two bytes left: two or three characters and the padding.
  const two = i + 1 < n;
  const x = ((src[i] as number) << 16) | (two ? (src[i + 1] as number) << 8 : 0);
  dst[o] = CHARS[x >>> 18] as number;
  dst[o + 1] = CHARS[(x >>> 12) & 63] as number;
  dst[o + 2] = two ? (CHARS[(x >>> 6) & 63] as number) : PAD;
  dst[o + 3] = PAD;
  return o + 4;
}
