import { describe, expect, it } from 'vitest';
import { goTrimSpace } from './go-trim-space.js';

// What makes it Go's strings.TrimSpace and not JS's trim(): the space set is Go's unicode.IsSpace.
// GO_IS_SPACE was printed by Go 1.x itself (`for r := 0; r <= 0x10FFFF; r++ { if unicode.IsSpace(r) … }`).
const GO_IS_SPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

describe('goTrimSpace', () => {
  it('trims U+0085 (NEL) and keeps U+FEFF (BOM), as Go does and JS trim() does not', () => {
    expect(goTrimSpace('\u0085x\ufeff')).toBe('x\ufeff');
    expect('\u0085x\ufeff'.trim()).not.toBe('x\ufeff');
  });

  it('trims the no-break space and the ideographic space', () => {
    expect(goTrimSpace('\u00a0x\u3000')).toBe('x');
  });

  it("trims exactly Go's unicode.IsSpace characters, on both sides, and keeps the inside", () => {
    const space = new Set(GO_IS_SPACE);
    for (let code = 0; code <= 0xffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const c = String.fromCharCode(code);
      const expected = space.has(code) ? `x${c}y` : `${c}x${c}y${c}`;
      if (goTrimSpace(`${c}x${c}y${c}`) !== expected)
        throw new Error(
          `U+${code.toString(16).padStart(4, '0')}: Go's TrimSpace gives ${JSON.stringify(expected)}`,
        );
    }
  });
});
