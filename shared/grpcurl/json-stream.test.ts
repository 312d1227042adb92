import { describe, expect, it } from 'vitest';
import { JsonStreamError, JsonStreamReader, parseJsonStream } from './json-stream.js';

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

describe('JsonStreamReader', () => {
  const input =
    '{"a":1.5,"s":"x\\"y\\u263a","n":null,"t":true,"l":[1,-2e3,false]}\n{"big":9007199254740993}  {}\n[ ] "str" 12';

  it('gives the same values fed one character at a time, each as soon as it is complete', () => {
    const reader = new JsonStreamReader();
    const values: unknown[] = [];
    const completedAt: number[] = [];
    for (let i = 0; i < input.length; i++) {
      for (const v of reader.push(input[i] as string)) {
        values.push(v);
        completedAt.push(i);
      }
    }
    values.push(...reader.end());
    expect(values).toEqual(parseJsonStream(input));
    expect(values).toHaveLength(6);
    // The first object is handed over at its closing brace, not at the end of input.
    expect(completedAt[0]).toBe(input.indexOf('}'));
  });

  it('waits for a number that may go on, and a value cut mid-way', () => {
    const reader = new JsonStreamReader();
    expect(reader.push('{"a":1')).toEqual([]);
    expect(reader.push('.5}{"b":"x')).toEqual([{ a: 1.5 }]);
    expect(reader.push('y"} 4')).toEqual([{ b: 'xy' }]);
    expect(reader.push('2')).toEqual([]);
    expect(reader.end()).toEqual([42]);
  });

  it('reports real errors at once, with the line and column in the whole input', () => {
    const reader = new JsonStreamReader();
    expect(reader.push('{"a":1}\n{"b":2}')).toHaveLength(2);
    expect(() => reader.push('\n  {"c" 3}')).toThrow(
      'expected ":" but found "3" at line 3, column 8',
    );
  });

  it('reports a value left unfinished at the end', () => {
    const reader = new JsonStreamReader();
    reader.push('{"a":[1,');
    expect(() => reader.end()).toThrow(/expected a JSON value at line 1, column 9/);
  });
});
