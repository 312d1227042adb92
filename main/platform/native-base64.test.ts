import { describe, expect, it, vi } from 'vitest';
import { base64Encode } from '@bufbuild/protobuf/wire';
import './native-base64.js';

describe('native base64 for @bufbuild/protobuf', () => {
  const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0x00, 0x01]);

  it('encodes like the standard method in both alphabets, padded or not', () => {
    expect(bytes.toBase64?.()).toBe('+/+/AAE=');
    expect(bytes.toBase64?.({ omitPadding: true })).toBe('+/+/AAE');
    expect(bytes.toBase64?.({ alphabet: 'base64url' })).toBe('-_-_AAE=');
    expect(bytes.toBase64?.({ alphabet: 'base64url', omitPadding: true })).toBe('-_-_AAE');
  });

  it('respects subarray views', () => {
    expect(bytes.subarray(3).toBase64?.()).toBe('AAE=');
  });

  it('is what bufbuild uses (loaded first by the test setup, as by every entry point)', () => {
    const big = new Uint8Array(1 << 20).fill(7);
    const from = vi.spyOn(Buffer, 'from');
    try {
      const text = base64Encode(big);
      expect(text).toBe(Buffer.from(big).toString('base64'));
      // Only our Buffer-backed method calls Buffer.from; bufbuild's fallback loop never does.
      expect(from.mock.calls.length).toBeGreaterThanOrEqual(2);
    } finally {
      from.mockRestore();
    }
  });
});
