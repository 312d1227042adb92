import { describe, expect, it } from 'vitest';
import { CodecError, createMessageCodec } from './index.js';
import { compileRegistry, testdata } from './protoc.testkit.js';
import type { JsonValue } from '../../shared/calls/events.js';

const registry = compileRegistry(testdata('codec_test.proto'));
const codec = (type: string, opts?: Parameters<typeof createMessageCodec>[2]) =>
  createMessageCodec(registry, `gwb.codectest.${type}`, opts);
const roundTrip = (
  type: string,
  json: JsonValue,
  opts?: Parameters<typeof createMessageCodec>[2],
) => {
  const c = codec(type, opts);
  return c.decode(c.encode(json));
};

function codecError(run: () => unknown): CodecError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CodecError);
    return err as CodecError;
  }
  throw new Error('expected a CodecError');
}

describe('createMessageCodec', () => {
  it('rejects an unknown type with a CodecError naming it', () => {
    const err = codecError(() => createMessageCodec(registry, 'gwb.codectest.Nope'));
    expect(err.message).toContain('gwb.codectest.Nope');
  });

  it('says when a name is not a message type', () => {
    expect(codecError(() => createMessageCodec(registry, 'gwb.codectest.Color')).reason).toBe(
      'gwb.codectest.Color is an enum, not a message type',
    );
  });

  it('accepts a leading dot in the type name', () => {
    expect(createMessageCodec(registry, '.gwb.codectest.User').typeName).toBe('gwb.codectest.User');
  });

  it('writes lowerCamelCase names and accepts proto names on input', () => {
    expect(roundTrip('User', { user_name: 'ann', home: { street_name: 'Main' } })).toEqual({
      userName: 'ann',
      home: { streetName: 'Main' },
    });
    expect(roundTrip('User', { userName: 'ann' })).toEqual({ userName: 'ann' });
  });

  it('keeps 64-bit integers exact as strings and accepts numbers', () => {
    const json = {
      i64: '9007199254740993',
      u64: '18446744073709551615',
      s64: '-9223372036854775808',
      f64: '9007199254740993',
      sf64: '-9007199254740993',
      many: ['9007199254740993', '1'],
    };
    expect(roundTrip('Scalars', json)).toEqual(json);
    expect(roundTrip('Scalars', { i64: 42, many: [7] })).toEqual({ i64: '42', many: ['7'] });
  });

  it('writes bytes as base64 and enums by name, accepting enum numbers', () => {
    expect(roundTrip('Scalars', { data: 'AAEC/w==' })).toEqual({ data: 'AAEC/w==' });
    expect(roundTrip('User', { color: 2, colors: ['RED', 1] })).toEqual({
      color: 'GREEN',
      colors: ['RED', 'RED'],
    });
  });

  it('keeps proto3 optional presence', () => {
    expect(roundTrip('Scalars', { maybe: 0 })).toEqual({ maybe: 0 });
    expect(roundTrip('Scalars', {})).toEqual({});
  });

  it('emits defaults only when asked', () => {
    const out = roundTrip('Scalars', {}, { emitDefaults: true }) as Record<string, JsonValue>;
    expect(out).toMatchObject({ i32: 0, i64: '0', flag: false, text: '', data: '', many: [] });
    expect(out).not.toHaveProperty('maybe');
  });

  it('maps the well-known types to their JSON forms', () => {
    const json = {
      at: '2024-05-06T07:08:09.123Z',
      took: '1.500s',
      meta: { a: 1, b: [true, null, 'x'], c: { d: 'e' } },
      anyValue: 'text',
      list: [1, 'two'],
      big: '9007199254740993',
      name: 'n',
      ok: false,
      blob: 'AQI=',
      mask: 'userName,home.streetName',
      nothing: {},
      values: [1, null, { k: 'v' }],
    };
    const out = roundTrip('Wkt', { ...json, took: '1.5s' }) as Record<string, JsonValue>;
    expect(out).toEqual(json);
  });

  it('resolves Any from the schema and from the well-known types, "@type" first', () => {
    const json: JsonValue = {
      payload: { '@type': 'type.googleapis.com/gwb.codectest.Address', zip: '12345' },
      payloads: [
        { '@type': 'type.googleapis.com/google.protobuf.Duration', value: '3s' },
        { '@type': 'type.googleapis.com/google.protobuf.Empty' },
      ],
    };
    const out = roundTrip('Wkt', json) as Record<string, JsonValue[] | Record<string, JsonValue>>;
    expect(out).toEqual(json);
    expect(Object.keys(out.payload!)[0]).toBe('@type');
    expect(Object.keys((out.payloads as JsonValue[])[0] as object)[0]).toBe('@type');
  });

  it('handles maps with string and int64 keys', () => {
    const json = {
      labels: { home: { zip: '1' } },
      counts: { a: 1, b: -2 },
      byId: { '9007199254740993': 'x' },
    };
    expect(roundTrip('User', json)).toEqual(json);
  });

  it('handles oneofs', () => {
    expect(roundTrip('Choice', { address: { zip: '9' }, note: 'n' })).toEqual({
      address: { zip: '9' },
      note: 'n',
    });
    const err = codecError(() => codec('Choice').encode({ text: 'a', number: '1' }));
    expect(err.path).toBe('');
    expect(err.message).toMatch(/oneof/);
  });
});

describe('encode errors name the full field path', () => {
  const cases: [string, JsonValue, string, RegExp][] = [
    ['unknown top-level field', { nope: 1 }, 'nope', /unknown field "nope" in gwb.codectest.User/],
    [
      'unknown field in a list item',
      { addresses: [{ zip: '1' }, {}, { zop: '3' }] },
      'addresses[2].zop',
      /unknown field/,
    ],
    [
      'wrong type in a list item',
      { addresses: [{ zip: '1' }, {}, { zip: 3 }] },
      'addresses[2].zip',
      /expected string/,
    ],
    [
      'wrong type in a map value',
      { labels: { k: { zip: true } } },
      'labels["k"].zip',
      /expected string/,
    ],
    ['wrong scalar map value', { counts: { a: 1, b: 1.5 } }, 'counts["b"]', /int32/],
    ['bad map key', { byId: { abc: 'x' } }, 'byId["abc"]', /map key/],
    ['bad enum name in a list', { colors: ['RED', 'BLUE'] }, 'colors[1]', /BLUE/],
    ['nested message not an object', { home: 'x' }, 'home', /expected an object/],
    ['list not a list', { addresses: { zip: '1' } }, 'addresses', /expected a list/],
    ['message is not an object', 5, '', /expected an object/],
  ];
  for (const [name, json, path, reason] of cases) {
    it(name, () => {
      const err = codecError(() => codec('User').encode(json));
      expect(err.path).toBe(path);
      expect(err.reason).toMatch(reason);
      expect(err.message).toContain(path);
    });
  }

  it('paths reach into well-known types and Any', () => {
    const c = codec('Wkt');
    expect(codecError(() => c.encode({ at: 'yesterday' })).path).toBe('at');
    expect(
      codecError(() =>
        c.encode({
          payloads: [{}, { '@type': 'type.googleapis.com/gwb.codectest.Address', zip: 1 }],
        }),
      ).path,
    ).toBe('payloads[1].zip');
    const unknownType = codecError(() =>
      c.encode({ payload: { '@type': 'type.googleapis.com/x.Y' } }),
    );
    expect(unknownType.path).toBe('payload');
    expect(unknownType.reason).toMatch(/x\.Y/);
    expect(
      codecError(() =>
        c.encode({
          payload: { '@type': 'type.googleapis.com/google.protobuf.Duration', value: 'x' },
        }),
      ).path,
    ).toBe('payload.value');
  });

  it('unknown fields pass when told to ignore them', () => {
    expect(
      roundTrip('User', { userName: 'a', extra: { deep: 1 } }, { ignoreUnknownFields: true }),
    ).toEqual({
      userName: 'a',
    });
  });

  it('64-bit values out of range are errors', () => {
    expect(codecError(() => codec('Scalars').encode({ u64: '-1' })).path).toBe('u64');
    expect(
      codecError(() => codec('Scalars').encode({ many: ['1', '18446744073709551616'] })).path,
    ).toBe('many[1]');
  });
});

describe('decode', () => {
  it('reports invalid wire data', () => {
    const err = codecError(() => codec('User').decode(new Uint8Array([0x0a, 0x05, 0x41])));
    expect(err.message).toMatch(/invalid wire data/);
    expect(err.typeName).toBe('gwb.codectest.User');
  });

  it('decodes an empty buffer as an empty message', () => {
    expect(codec('User').decode(new Uint8Array())).toEqual({});
  });
});
