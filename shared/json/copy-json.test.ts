import { describe, expect, it } from 'vitest';
import { copyJson } from './copy-json.js';

/** What a round trip through JSON text gives: the reference copyJson must match. */
function viaText<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('copyJson', () => {
  it('copies as a JSON round trip does: undefined keys left out, undefined in a list is null', () => {
    const value = { a: 1, b: undefined, c: [undefined, 'x', { d: null }], e: { f: true } };
    const copy = copyJson(value);
    expect(copy).toStrictEqual(viaText(value));
    expect('b' in copy).toBe(false);
  });

  it('shares nothing with the original', () => {
    const value = { list: [{ deep: ['a'] }] };
    const copy = copyJson(value);
    copy.list[0]?.deep.push('b');
    expect(value.list[0]?.deep).toEqual(['a']);
  });

  it('keeps a __proto__ key a plain key, changing no prototype', () => {
    const value = JSON.parse('{"__proto__":{"x":1}}') as object;
    const copy = copyJson(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"x":1}}');
  });
});
