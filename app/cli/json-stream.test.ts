import { describe, expect, it } from 'vitest';
import { JsonStreamError, parseJsonStream } from './json-stream.js';

describe('parseJsonStream', () => {
  it('reads several concatenated values, with or without whitespace between', () => {
    expect(parseJsonStream('{"a":1}{"a":2}\n {"b":[true,null,"x"]}')).toEqual([
      { a: 1 },
      { a: 2 },
      { b: [true, null, 'x'] },
    ]);
    expect(parseJsonStream('  \n')).toEqual([]);
    expect(parseJsonStream('')).toEqual([]);
  });

  it('keeps integers beyond 2^53 exactly, as strings', () => {
    expect(
      parseJsonStream('{"n":9007199254740993,"m":12,"f":1.5e3,"neg":-9223372036854775808}'),
    ).toEqual([{ n: '9007199254740993', m: 12, f: 1500, neg: '-9223372036854775808' }]);
  });

  it('decodes string escapes', () => {
    expect(parseJsonStream('"a\\n\\t\\u263a\\"\\\\\\/"')).toEqual(['a\n\t☺"\\/']);
  });

  it('keeps a __proto__ key as a plain field', () => {
    const [value] = parseJsonStream('{"__proto__":{"x":1}}') as [Record<string, unknown>];
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('names line and column of a syntax error', () => {
    const attempt = (text: string): JsonStreamError => {
      try {
        parseJsonStream(text);
      } catch (error) {
        return error as JsonStreamError;
      }
      throw new Error('expected an error');
    };
    expect(attempt('{"a":1}\n{"a" 2}').message).toBe(
      'expected ":" but found "2" at line 2, column 6',
    );
    expect(attempt('{"a":1,}').message).toBe(
      'expected a quoted field name but found "}" at line 1, column 8',
    );
    expect(attempt('{"a":tru}').message).toMatch(
      /unexpected "t", expected a JSON value at line 1, column 6/,
    );
    expect(attempt('{"a":"x').message).toBe('unterminated string at line 1, column 6');
    expect(attempt('[1 2]').message).toBe('expected "," or "]" but found "2" at line 1, column 4');
  });
});
