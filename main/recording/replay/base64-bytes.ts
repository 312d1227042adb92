// Base64 decoded straight from the bytes of a line. Node 20 decodes base64 only from a string, and
// making a string of every recorded payload (then decoding it into a fresh Buffer) was a good part
// of what replay spent per message. This decoder takes the canonical form our writer produces
// (standard alphabet, padded); anything else is refused so the caller can fall back to Buffer's
// lenient decoder and keep its exact behaviour.

const INVALID = 255;
const PAD = 0x3d; // '='
const VALUES = new Uint8Array(256).fill(INVALID);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/**
 * How many bytes the canonical base64 in `src[start, end)` decodes to, or -1 when its length or
 * padding is not canonical. Only the length and the '=' are looked at; decodeBase64Into checks the rest.
 */
export function base64DecodedLength(src: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length % 4 !== 0) return -1;
  if (length === 0) return 0;
  const pad = src[end - 1] === PAD ? (src[end - 2] === PAD ? 2 : 1) : 0;
  return (length / 4) * 3 - pad;
}

/**
 * Decodes the canonical base64 in `src[start, end)` into `dst` at `at`, which must have room for
 * base64DecodedLength bytes. Returns false (with `dst` partly written) on any other character.
 */
export function decodeBase64Into(
  src: Uint8Array,
  start: number,
  end: number,
  dst: Uint8Array,
  at: number,
): boolean {
  if (end === start) return true;
  const pad = src[end - 1] === PAD ? (src[end - 2] === PAD ? 2 : 1) : 0;
  const whole = end - 4; // the last quad may hold padding; the others are decoded here
  let o = at;
  let i = start;
  for (; i < whole; i += 4) {
    const a = VALUES[src[i] as number] as number;
    const b = VALUES[src[i + 1] as number] as number;
    const c = VALUES[src[i + 2] as number] as number;
    const d = VALUES[src[i + 3] as number] as number;
    if ((a | b | c | d) > 63) return false; // some byte was INVALID
    dst[o++] = (a << 2) | (b >> 4);
    dst[o++] = ((b & 15) << 4) | (c >> 2);
    dst[o++] = ((c & 3) << 6) | d;
  }
  const a = VALUES[src[i] as number] as number;
  const b = VALUES[src[i + 1] as number] as number;
  const c = pad === 2 ? 0 : (VALUES[src[i + 2] as number] as number);
  const d = pad >= 1 ? 0 : (VALUES[src[i + 3] as number] as number);
  if ((a | b | c | d) > 63) return false;
  dst[o++] = (a << 2) | (b >> 4);
  if (pad < 2) dst[o++] = ((b & 15) << 4) | (c >> 2);
  if (pad < 1) dst[o] = ((c & 3) << 6) | d;
  return true;
}
