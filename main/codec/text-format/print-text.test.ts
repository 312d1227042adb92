import { describe, expect, it } from 'vitest';
import { goFloat, quoteBytes } from './print-text.js';

// Go's strconv.FormatFloat(f, 'g', -1, bits) and the text format's string escaping, which grpcurl
// prints with (the whole printer is checked against grpcurl in app/cli/format-text.test.ts).
describe('text format scalars', () => {
  it('spells doubles as Go does', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '-0'],
      [3, '3'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e-7, '1.5e-07'],
      [123456, '123456'],
      [1e6, '1e+06'],
      [1234567.5, '1.2345675e+06'],
      [1e21, '1e+21'],
      [-2.5e-300, '-2.5e-300'],
      [NaN, 'nan'],
      [Infinity, 'inf'],
      [-Infinity, '-inf'],
    ];
    for (const [value, text] of cases) expect(goFloat(value, 64), String(value)).toBe(text);
  });

  it('spells floats by their shortest 32-bit digits', () => {
    expect(goFloat(Math.fround(0.1), 32)).toBe('0.1');
    expect(goFloat(Math.fround(16777217), 32)).toBe('1.6777216e+07');
    expect(goFloat(Math.fround(3.14159), 32)).toBe('3.14159');
  });

  it('escapes bytes with C escapes and octal, never \\x or \\u', () => {
    expect(quoteBytes(new Uint8Array([0, 0xff, 10, 13, 9, 0x22, 0x27, 0x5c, 0x41]))).toBe(
      `"\\000\\377\\n\\r\\t\\"'\\\\A"`,
    );
    expect(quoteBytes(new TextEncoder().encode('é'))).toBe('"\\303\\251"');
  });
});
