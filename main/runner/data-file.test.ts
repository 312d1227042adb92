// Data files of data-driven runs: RFC 4180 CSV and JSON arrays, and errors that say file:line.
import { describe, expect, it } from 'vitest';
import { parseDataFile } from './data-file.js';

describe('CSV data files', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a BOM', () => {
    const text = '\uFEFFuserId,note\r\n1,"a, b"\r\n2,"say ""hi"""\n3,"two\nlines"\n\n';
    expect(parseDataFile('users.csv', text)).toEqual([
      { userId: '1', note: 'a, b' },
      { userId: '2', note: 'say "hi"' },
      { userId: '3', note: 'two\nlines' },
    ]);
  });

  it('keeps empty fields and a last row without a line break', () => {
    expect(parseDataFile('d.csv', 'a,b,c\n,x,\n1,2,3')).toEqual([
      { a: '', b: 'x', c: '' },
      { a: '1', b: '2', c: '3' },
    ]);
  });

  it('keeps a one-column row that is a quoted empty value; skips only blank lines', () => {
    expect(parseDataFile('d.csv', 'name\nann\n""\n\nbob\n""')).toEqual([
      { name: 'ann' },
      { name: '' },
      { name: 'bob' },
      { name: '' },
    ]);
  });

  it('says file:line for a row of the wrong width, counting line breaks inside quotes', () => {
    expect(() => parseDataFile('d.csv', 'a,b\n"x\ny",1\n1,2,3\n')).toThrow(
      'd.csv:4: 3 fields, the header row has 2',
    );
  });

  it('says file:line for broken quoting and bad header names', () => {
    expect(() => parseDataFile('d.csv', 'a\n"open\n\n')).toThrow(
      'd.csv:2: a quoted field is never closed',
    );
    expect(() => parseDataFile('d.csv', 'a\nx"y\n')).toThrow(
      'd.csv:2: a quote inside an unquoted field',
    );
    expect(() => parseDataFile('d.csv', 'a\n"x"y\n')).toThrow(
      'd.csv:2: text after a closing quote: "y"',
    );
    expect(() => parseDataFile('d.csv', 'a,1b\n')).toThrow(
      'd.csv:1: column 2: "1b" is not a variable name',
    );
    expect(() => parseDataFile('d.csv', 'a,$uuid\n')).toThrow('d.csv:1: column 2');
    expect(() => parseDataFile('d.csv', 'a,a\n')).toThrow('d.csv:1: column "a" is named twice');
    expect(() => parseDataFile('d.csv', '')).toThrow('d.csv:1: the file is empty');
  });

  it('reads a large file in linear time', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `${i},"v ""${i}"", x"`);
    const started = performance.now();
    const parsed = parseDataFile('big.csv', `id,v\n${rows.join('\n')}\n`);
    expect(parsed).toHaveLength(50_000);
    expect(parsed[49_999]).toEqual({ id: '49999', v: 'v "49999", x' });
    // A generous bound: a quadratic scan of this file takes minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('JSON data files', () => {
  it('reads an array of objects; numbers and booleans become text', () => {
    expect(parseDataFile('d.json', ' [{"id": 1, "ok": true, "name": "Ada"}, {"id": "2"}]')).toEqual(
      [{ id: '1', ok: 'true', name: 'Ada' }, { id: '2' }],
    );
  });

  it('says file:line for what is not rows', () => {
    expect(() => parseDataFile('d.json', '[\n  {"a": 1},\n  {"a": [1]}\n]')).toThrow(
      'd.json:3: row 2, "a": a value is a string, number or boolean, not an array',
    );
    expect(() => parseDataFile('d.json', '[\n  {"a": 1},\n  7\n]')).toThrow(
      'd.json:3: row 2 is not an object',
    );
    expect(() => parseDataFile('d.json', '[\n  {"a": 1},\n  {"a": 2,}\n]')).toThrow(
      /^d\.json:3: not valid JSON/,
    );
    expect(() => parseDataFile('d.json', '[{"1x": 1}]')).toThrow(
      'd.json:1: row 1: "1x" is not a variable name',
    );
  });
});
