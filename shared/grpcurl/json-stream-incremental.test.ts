// `-d @` reads stdin in pieces (64 KB from a pipe, a line from a terminal): the reader must give
// the same values wherever the input is cut, each as soon as it is whole, and take time linear in
// the input (re-parsing the buffered text on every piece made one 16 MB message take minutes).
import { describe, expect, it } from 'vitest';
import { JsonStreamError, JsonStreamReader, parseJsonStream } from './json-stream.js';

/** Strings holding quotes, braces and backslashes, unicode, nested arrays, space between values. */
const TRICKY = [
  '{"s":"a \\"}{][ b","t":"\\\\","u":"héllo ☺ 😀 \\u263a \\ud83d\\ude00","e":""}',
  '\n\t \r\n',
  '[[1,[2,[]]],{"a":[{},[[]],"]"]},-0.5e-3,true,false,null]',
  '{"big":9007199254740993,"neg":-9223372036854775808,"safe":1234567890123456}',
  '{"a":"x"}{"b":"y"}  {"c":{"d":"\\"{"}}',
  ' "str\\"" 12 -3.5E+2 true null ',
  '{"__proto__":{"x":1},"k":[ "}" , "]" , "\\\\\\"" ]}',
].join('');

const EXPECTED: unknown[] = [
  { s: 'a "}{][ b', t: '\\', u: 'héllo ☺ 😀 ☺ 😀', e: '' },
  [[1, [2, []]], { a: [{}, [[]], ']'] }, -0.5e-3, true, false, null],
  { big: '9007199254740993', neg: '-9223372036854775808', safe: 1234567890123456 },
  { a: 'x' },
  { b: 'y' },
  { c: { d: '"{' } },
  'str"',
  12,
  -350,
  true,
  null,
  JSON.parse('{"__proto__":{"x":1},"k":["}","]","\\\\\\""]}'),
];

function readInPieces(text: string, cuts: number[]): unknown[] {
  const reader = new JsonStreamReader();
  const values: unknown[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    values.push(...reader.push(text.slice(from, cut)));
    from = cut;
  }
  values.push(...reader.end());
  return values;
}

function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(JsonStreamError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('JsonStreamReader, cut anywhere', () => {
  it('reads the tricky input whole as expected', () => {
    expect(parseJsonStream(TRICKY)).toEqual(EXPECTED);
    const [last] = parseJsonStream(TRICKY).slice(-1) as [Record<string, unknown>];
    expect(Object.keys(last)).toEqual(['__proto__', 'k']);
  });

  it('gives the same values cut in two at every position', () => {
    for (let cut = 0; cut <= TRICKY.length; cut++) {
      expect(readInPieces(TRICKY, [cut]), `cut at ${cut}`).toEqual(EXPECTED);
    }
  });

  it('gives the same values cut in three at every pair of positions of a shorter input', () => {
    const text = '{"a":"\\"}"}\n[1,["]"]] "x\\\\" 7{"b":{}}';
    const expected = [{ a: '"}' }, [1, [']']], 'x\\', 7, { b: {} }];
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        expect(readInPieces(text, [i, j]), `cuts at ${i}, ${j}`).toEqual(expected);
      }
    }
  });

  it('hands each value over as soon as it is whole, several from one piece', () => {
    const reader = new JsonStreamReader();
    expect(reader.push('{"a":1} {"b":"}"}[2')).toEqual([{ a: 1 }, { b: '}' }]);
    expect(reader.push(']"s')).toEqual([[2]]);
    expect(reader.push('"12')).toEqual(['s']);
    // A number may go on in the next piece: it is whole only at what follows it.
    expect(reader.push('3')).toEqual([]);
    expect(reader.push(' ')).toEqual([123]);
    expect(reader.end()).toEqual([]);
  });

  it('reports the same error, at the same line and column, wherever the input is cut', () => {
    const cases: [string, string][] = [
      ['{"a":1}\n{"b" 2}', 'expected ":" but found "2" at line 2, column 6'],
      ['{"a":1}\n\n  {"b":[1,}', 'unexpected "}", expected a JSON value at line 3, column 11'],
      ['{"a":"x"} {"a":', 'unexpected end of input, expected a JSON value at line 1, column 16'],
      ['{"a":"x"}\n{"b":"y', 'unterminated string at line 2, column 6'],
      ['{"a":1} x', 'unexpected "x", expected a JSON value at line 1, column 9'],
      ['{"a":[1}', 'expected "," or "]" but found "}" at line 1, column 8'],
      ['{"a":"é\u0001"}', 'control character in string; escape it at line 1, column 8'],
      ['{"a":1},{"b":2}', 'unexpected ",", expected a JSON value at line 1, column 8'],
    ];
    for (const [text, message] of cases) {
      expect(
        errorOf(() => parseJsonStream(text)),
        text,
      ).toBe(message);
      for (let cut = 0; cut <= text.length; cut++) {
        expect(
          errorOf(() => readInPieces(text, [cut])),
          `${text} cut at ${cut}`,
        ).toBe(message);
      }
    }
  });

  it('reports an error as soon as its piece arrives, not at the end of the input', () => {
    const reader = new JsonStreamReader();
    expect(reader.push('{"a":1}\n{"b": ')).toEqual([{ a: 1 }]);
    expect(() => reader.push('x, "c": 2')).toThrow(
      'unexpected "x", expected a JSON value at line 2, column 7',
    );
  });

  it('refuses nesting deeper than 1000 without waiting for the rest', () => {
    const reader = new JsonStreamReader();
    expect(() => reader.push('['.repeat(1001))).toThrow(/nesting deeper than 1000/);
    expect(parseJsonStream(`${'['.repeat(1000)}${']'.repeat(1000)}`)).toHaveLength(1);
  });
});

describe('JsonStreamReader, time linear in the input', () => {
  it(
    'reads a 16 MB message cut into 64 KB pieces in seconds, not minutes',
    { timeout: 60_000 },
    () => {
      const item = JSON.stringify({
        key: 'k\\"}{',
        text: 'hello wörld ☺',
        n: [1, 2.5, -3e2, null],
      });
      const items: string[] = [];
      for (let size = 0; size < 16 << 20; size += item.length + 1) items.push(item);
      const text = `{"items":[${items.join(',')}]}`;
      const started = performance.now();
      const reader = new JsonStreamReader();
      const values: unknown[] = [];
      for (let at = 0; at < text.length; at += 65536)
        values.push(...reader.push(text.slice(at, at + 65536)));
      values.push(...reader.end());
      const elapsed = performance.now() - started;
      expect((values[0] as { items: unknown[] }).items).toHaveLength(items.length);
      // Measured on a loaded 2-core machine: ~1–2 s now; re-parsing the buffer on every piece
      // took 202 s (4 MB: 12 s). A bound far from both catches the quadratic kind only.
      expect(elapsed).toBeLessThan(30_000);
    },
  );
});
