import { describe, it, expect } from 'vitest';
import { kindsSchema } from '../form/fixtureSchema.js';
import { fieldAt, messageAt } from './schemaPath.js';
import { formatJsonText } from './format.js';

const schema = kindsSchema();

describe('schema paths for completion', () => {
  it('finds the message at a path through nesting, lists and maps', () => {
    expect(messageAt(schema, 'kinds.All', [])?.fullName).toBe('kinds.All');
    expect(messageAt(schema, 'kinds.All', ['inner'])?.fullName).toBe('kinds.Inner');
    expect(messageAt(schema, 'kinds.All', ['items', 3])?.fullName).toBe('kinds.Inner');
    expect(messageAt(schema, 'kinds.All', ['byId', '7'])?.fullName).toBe('kinds.Inner');
    expect(messageAt(schema, 'kinds.All', ['self', 'self', 'inner'])?.fullName).toBe('kinds.Inner');
    expect(messageAt(schema, 'kinds.All', ['name'])).toBeUndefined();
    expect(messageAt(schema, 'kinds.All', ['nope'])).toBeUndefined();
  });
  it('finds the field of a value for enum completion', () => {
    expect(fieldAt(schema, 'kinds.All', ['inner', 'score'])?.type).toEqual({
      kind: 'scalar',
      scalar: 'uint64',
    });
    expect(fieldAt(schema, 'kinds.All', ['color'])?.name).toBe('color');
  });
});

describe('formatJsonText', () => {
  it('re-indents and keeps big numbers exactly as written', () => {
    expect(formatJsonText('{"a":[1,{"b":9007199254740993}],"c":{},"d":"x, y: {z}"}')).toBe(
      '{\n  "a": [\n    1,\n    {\n      "b": 9007199254740993\n    }\n  ],\n  "c": {},\n  "d": "x, y: {z}"\n}',
    );
    expect(formatJsonText('{bad')).toBe('{bad');
  });
});

import { cursorContext } from './cursorPath.js';

describe('cursorContext', () => {
  it('finds key positions in unfinished JSON', () => {
    const t = '{\n  "inner": {\n    "id": "x",\n    "sc';
    expect(cursorContext(t, t.length)).toEqual({
      container: ['inner'],
      at: 'key',
      key: null,
      from: t.lastIndexOf('"'),
      inString: true,
    });
    const u = '{"items": [{"id": "a"}, {';
    expect(cursorContext(u, u.length)).toMatchObject({ container: ['items', 1], at: 'key' });
  });
  it('finds value positions with the key they belong to', () => {
    const t = '{"name": "a", "color": "R';
    expect(cursorContext(t, t.length)).toEqual({
      container: [],
      at: 'value',
      key: 'color',
      from: t.lastIndexOf('"'),
      inString: true,
    });
    const u = '{"flag": tr';
    expect(cursorContext(u, u.length)).toMatchObject({
      at: 'value',
      key: 'flag',
      from: u.length - 2,
      inString: false,
    });
    expect(cursorContext('', 0)).toBeNull();
  });
});
