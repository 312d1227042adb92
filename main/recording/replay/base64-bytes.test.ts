import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64DecodedLength, decodeBase64Into } from './base64-bytes.js';

function decode(text: string): Buffer | undefined {
  const src = Buffer.from(`xx${text}yy`, 'latin1'); // decoded from the middle of a line
  const length = base64DecodedLength(src, 2, src.length - 2);
  if (length < 0) return undefined;
  const out = Buffer.alloc(length + 2, 0xee);
  if (!decodeBase64Into(src, 2, src.length - 2, out, 1)) return undefined;
  expect(out[0]).toBe(0xee); // nothing written outside the room it was given
  expect(out[out.length - 1]).toBe(0xee);
  return out.subarray(1, 1 + length);
}

describe('base64 decoded from bytes', () => {
  it('gives what Buffer gives for every length and many byte values', () => {
    for (let n = 0; n < 200; n++) {
      const bytes = randomBytes(n);
      expect(decode(bytes.toString('base64')), `length ${n}`).toEqual(bytes);
    }
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(decode(all.toString('base64'))).toEqual(all);
  });

  it.each([
    ['no padding', 'AAE'],
    ['url-safe alphabet', '-_-_'],
    ['a quote', 'AA"A'],
    ['padding in the middle', 'AA==AAAA'],
    ['three pads', 'A==='],
    ['only padding', '===='],
    ['a space', 'AA A'],
    ['a newline', 'AAAA\nAAAA'],
  ])('refuses what is not canonical (%s), so the lenient decoder takes it', (_name, text) => {
    expect(decode(text)).toBeUndefined();
  });
});
