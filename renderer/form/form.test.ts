import { describe, it, expect } from 'vitest';
import { kindsSchema } from './fixtureSchema.js';
import { parseScalar, checkScalarValue, scalarToText, bytesToBase64 } from './scalars.js';
import { getAt, setAt, moveItem, renameKey, formatPath } from './jsonPath.js';
import { templateFor, defaultFieldValue } from './defaults.js';
import { chooseOneof } from './oneof.js';
import { validateMessage } from './validate.js';
import { chosenOneofField, fieldKeyIn, findMessage } from './schemaLookup.js';
import {
  wellKnownKind,
  localInputToTimestamp,
  timestampToLocalInput,
  anyTypeName,
  anyTypeUrl,
  nowTimestamp,
} from './wellKnown.js';
import type { MessageInfo } from '../../shared/schema/model.js';

const schema = kindsSchema();
const all = findMessage(schema, 'kinds.All') as MessageInfo;
const f = (name: string) => all.fields.find((x) => x.name === name)!;

describe('scalars: typed text to proto3 JSON', () => {
  it('keeps int64 as a string without precision loss', () => {
    expect(parseScalar('int64', '9007199254740993')).toEqual({
      ok: true,
      value: '9007199254740993',
    });
    expect(parseScalar('uint64', '18446744073709551615')).toEqual({
      ok: true,
      value: '18446744073709551615',
    });
    expect(parseScalar('uint64', '-1')).toMatchObject({ ok: false });
    expect(parseScalar('int64', '1.5')).toMatchObject({
      ok: false,
      error: expect.stringContaining('whole number'),
    });
  });
  it('checks 32-bit ranges and gives numbers', () => {
    expect(parseScalar('int32', '-2147483648')).toEqual({ ok: true, value: -2147483648 });
    expect(parseScalar('int32', '2147483648')).toMatchObject({
      ok: false,
      error: expect.stringContaining('out of range'),
    });
    expect(parseScalar('uint32', '4294967295')).toEqual({ ok: true, value: 4294967295 });
    expect(parseScalar('sint32', 'x')).toMatchObject({ ok: false });
  });
  it('parses floats and their special spellings', () => {
    expect(parseScalar('double', '1.25e3')).toEqual({ ok: true, value: 1250 });
    expect(parseScalar('double', 'NaN')).toEqual({ ok: true, value: 'NaN' });
    expect(parseScalar('float', '1e39')).toMatchObject({ ok: false });
    expect(parseScalar('double', '')).toMatchObject({ ok: false });
  });
  it('takes bools, strings and base64 bytes', () => {
    expect(parseScalar('bool', 'true')).toEqual({ ok: true, value: true });
    expect(parseScalar('string', ' a ')).toEqual({ ok: true, value: ' a ' });
    expect(parseScalar('bytes', 'aGVsbG8=')).toEqual({ ok: true, value: 'aGVsbG8=' });
    expect(parseScalar('bytes', 'not base64!')).toMatchObject({
      ok: false,
      error: 'expected base64',
    });
    expect(bytesToBase64(new TextEncoder().encode('hello'))).toBe('aGVsbG8=');
  });
  it('shows JSON values as input text', () => {
    expect(scalarToText('12')).toBe('12');
    expect(scalarToText(3.5)).toBe('3.5');
    expect(scalarToText(undefined)).toBe('');
  });
  it('checks values typed in the JSON editor', () => {
    expect(checkScalarValue('int64', '12')).toBeNull();
    expect(checkScalarValue('int64', 12)).toBeNull();
    expect(checkScalarValue('int32', 1.5)).toContain('whole number');
    expect(checkScalarValue('bool', 'true')).toContain('true or false');
    expect(checkScalarValue('string', 1)).toBe('expected a string');
  });
});

describe('json paths', () => {
  it('sets, gets and removes without mutating', () => {
    const a = { inner: { id: 'x' }, tags: ['a', 'b'] };
    const b = setAt(a, ['inner', 'score'], '5');
    expect(getAt(b, ['inner', 'score'])).toBe('5');
    expect(getAt(a, ['inner', 'score'])).toBeUndefined();
    expect(setAt(b, ['tags', 0], undefined)).toMatchObject({ tags: ['b'] });
    expect(setAt(b, ['inner'], undefined)).toEqual({ tags: ['a', 'b'] });
    expect(setAt({}, ['items', 0, 'id'], 'q')).toEqual({ items: [{ id: 'q' }] });
  });
  it('reorders repeated items and renames map keys in place', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a'], 0, 5)).toEqual(['a']);
    expect(Object.keys(renameKey({ a: 1, b: 2, c: 3 }, 'b', 'z'))).toEqual(['a', 'z', 'c']);
  });
  it('formats paths for errors', () => {
    expect(formatPath(['items', 2, 'id'])).toBe('items[2].id');
    expect(formatPath([])).toBe('(root)');
  });
});

describe('defaults and templates for every field kind', () => {
  it('gives a value fitting each kind', () => {
    expect(defaultFieldValue(schema, f('name'))).toBe('');
    expect(defaultFieldValue(schema, f('big_id'))).toBe('0');
    expect(defaultFieldValue(schema, f('flag'))).toBe(false);
    expect(defaultFieldValue(schema, f('color'))).toBe('COLOR_UNSPECIFIED');
    expect(defaultFieldValue(schema, f('tags'))).toEqual([]);
    expect(defaultFieldValue(schema, f('labels'))).toEqual({});
    expect(defaultFieldValue(schema, f('inner'))).toEqual({});
    expect(defaultFieldValue(schema, f('at'))).toBe('1970-01-01T00:00:00Z');
    expect(defaultFieldValue(schema, f('wait'))).toBe('0s');
    expect(defaultFieldValue(schema, f('nick'))).toBeNull();
    expect(defaultFieldValue(schema, f('extra'))).toEqual({});
  });
  it('builds a template that validates, with one oneof branch and bounded recursion', () => {
    const t = templateFor(schema, 'kinds.All');
    expect(t).toMatchObject({
      name: '',
      bigId: '0',
      inner: { id: '', score: '0' },
      tags: [''],
      labels: { key: '' },
      byId: { '0': { id: '', score: '0' } },
      text: '',
    });
    expect(t).not.toHaveProperty('number');
    expect(JSON.stringify(t).length).toBeLessThan(5000);
    expect(validateMessage(schema, 'kinds.All', t)).toEqual([]);
  });
});

describe('oneof as a choice', () => {
  it('switches branches, dropping the other one', () => {
    const a = chooseOneof(schema, all, 'choice', 'text', { name: 'n' });
    expect(a).toEqual({ name: 'n', text: '' });
    const b = chooseOneof(schema, all, 'choice', 'number', { ...a, text: 'hi' });
    expect(b).toEqual({ name: 'n', number: 0 });
    expect(chosenOneofField(all, 'choice', b)?.name).toBe('number');
    expect(chooseOneof(schema, all, 'choice', null, b)).toEqual({ name: 'n' });
  });
});

describe('validation names the field path', () => {
  it('accepts proto names and json names', () => {
    expect(validateMessage(schema, 'kinds.All', { big_id: '1', bigId: '2' })).toEqual([]);
    expect(fieldKeyIn({ big_id: '1' }, f('big_id'))).toBe('big_id');
    expect(fieldKeyIn({}, f('big_id'))).toBe('bigId');
  });
  it('reports unknown fields, wrong types, bad enums, maps and WKTs', () => {
    const issues = validateMessage(schema, 'kinds.All', {
      nope: 1,
      count: 'x',
      color: 'BLUE',
      tags: 'a',
      items: [{ id: 1 }],
      byId: { abc: {} },
      at: 'yesterday',
      wait: '5m',
      nick: 3,
      text: 'a',
      number: 2,
      maybe: 1,
    });
    const byPath = Object.fromEntries(issues.map((i) => [formatPath(i.path), i.message]));
    expect(byPath).toMatchObject({
      nope: expect.stringContaining('unknown field "nope"'),
      count: expect.stringContaining('whole number'),
      color: expect.stringContaining('COLOR_UNSPECIFIED, RED'),
      tags: expect.stringContaining('array'),
      'items[0].id': 'expected a string',
      'byId.abc': expect.stringContaining('map key'),
      at: expect.stringContaining('RFC 3339'),
      wait: expect.stringContaining('1.5s'),
      nick: 'expected a string',
      number: expect.stringContaining('more than one'),
    });
    expect(byPath).not.toHaveProperty('maybe');
  });
  it('checks an Any by its @type', () => {
    expect(
      validateMessage(schema, 'kinds.All', {
        detail: { '@type': anyTypeUrl('kinds.Inner'), id: 'x' },
      }),
    ).toEqual([]);
    expect(
      validateMessage(schema, 'kinds.All', {
        detail: { '@type': anyTypeUrl('kinds.Inner'), bad: 1 },
      })[0]?.message,
    ).toContain('unknown field "bad"');
    expect(
      validateMessage(schema, 'kinds.All', {
        detail: { '@type': 'type.googleapis.com/no.Such' },
      })[0]?.message,
    ).toContain('unknown type no.Such');
    expect(anyTypeName({ '@type': 'type.googleapis.com/kinds.Inner' })).toBe('kinds.Inner');
  });
  it('accepts a Struct of any JSON and a null wrapper', () => {
    expect(
      validateMessage(schema, 'kinds.All', { extra: { a: [1, { b: null }] }, nick: null }),
    ).toEqual([]);
    expect(validateMessage(schema, 'kinds.All', { extra: [1] })[0]?.message).toContain('object');
  });
});

describe('well-known type inputs', () => {
  it('recognises the well-known types', () => {
    expect(wellKnownKind('.google.protobuf.Int64Value')).toEqual({
      kind: 'wrapper',
      scalar: 'int64',
    });
    expect(wellKnownKind('google.protobuf.Timestamp')).toEqual({ kind: 'timestamp' });
    expect(wellKnownKind('kinds.Inner')).toBeNull();
  });
  it('round-trips a timestamp through the local date-time input', () => {
    const ts = '2024-03-01T10:20:30Z';
    expect(localInputToTimestamp(timestampToLocalInput(ts))).toBe(ts);
    expect(localInputToTimestamp('garbage')).toBeNull();
    expect(nowTimestamp(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});

import { normalizeSchema, lowerCamel } from './normalizeSchema.js';

describe('normalizeSchema', () => {
  it('fills empty json names with the lowerCamelCase of the field name', () => {
    const s = kindsSchema();
    const inner = s.messages['kinds.Inner']!;
    s.messages['kinds.Inner'] = {
      ...inner,
      fields: inner.fields.map((x) => ({ ...x, jsonName: '' })),
    };
    const n = normalizeSchema(s);
    expect(n.messages['kinds.Inner']!.fields.map((x) => x.jsonName)).toEqual(['id', 'score']);
    expect(n.messages['kinds.All']).toBe(s.messages['kinds.All']);
    expect(lowerCamel('interval_ms')).toBe('intervalMs');
    expect(normalizeSchema(kindsSchema()).messages).toBeDefined();
  });
});
