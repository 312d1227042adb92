import { describe, it, expect } from 'vitest';
import { locateJson, JsonSyntaxError, pathKey } from './locate.js';

describe('locateJson', () => {
  it('parses like JSON.parse and records spans of keys and values', () => {
    const text = '{\n  "a": [1, {"b": "x"}],\n  "c": null\n}';
    const r = locateJson(text);
    expect(r.value).toEqual(JSON.parse(text));
    const b = r.values.get(pathKey(['a', 1, 'b']))!;
    expect(text.slice(b.from, b.to)).toBe('"x"');
    const ck = r.keys.get(pathKey(['c']))!;
    expect(text.slice(ck.from, ck.to)).toBe('"c"');
  });
  it('says line and column of a syntax error', () => {
    try {
      locateJson('{\n  "a": 1,\n  b: 2\n}');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(JsonSyntaxError);
      expect((e as JsonSyntaxError).message).toBe(
        'expected a property name in double quotes at line 3, column 3',
      );
    }
    expect(() => locateJson('{"a": 1} x')).toThrow(/after the JSON value/);
    expect(() => locateJson('')).toThrow(/unexpected end/);
    expect(() => locateJson('"abc')).toThrow(/unterminated string/);
  });
  it('keeps big integers as written in strings and unicode escapes', () => {
    expect(locateJson('{"id":"9007199254740993","s":"\\u263a"}').value).toEqual({
      id: '9007199254740993',
      s: '☺',
    });
  });
});
