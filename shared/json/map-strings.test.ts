import { describe, expect, it } from 'vitest';
import { mapJsonStrings } from './map-strings.js';

describe('mapJsonStrings', () => {
  it('maps every string and key, deep in arrays and objects, and leaves other values', () => {
    const out = mapJsonStrings({ a: ['x', 1, true, null, { b: 'y' }], c: 'z' }, (s) =>
      s.toUpperCase(),
    );
    expect(out).toEqual({ A: ['X', 1, true, null, { B: 'Y' }], C: 'Z' });
  });

  it('keeps a key named __proto__ as a plain key and changes no prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "yes"}}') as { [key: string]: never };
    const out = mapJsonStrings(input, (s) => s) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
