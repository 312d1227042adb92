import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/calls/events.js';
import { CodecError } from './codec-error.js';
import { createMessageCodec } from './message-codec.js';
import { compileRegistry, testdata } from './protoc.testkit.js';
import { inProtoWords } from './proto-json-reason.js';

// JSON input errors name the proto type of the field and the value as written, with the field path,
// never JavaScript's types (bigint, Uint8Array, boolean, "number (int32)").

const registry = compileRegistry(testdata('json_errors.proto'));
const codec = createMessageCodec(registry, 'gwb.jsonerrors.AllKinds');

function errorOf(json: JsonValue): CodecError {
  try {
    codec.encode(json);
  } catch (err) {
    if (err instanceof CodecError) return err;
    throw err;
  }
  throw new Error(`${JSON.stringify(json)} was accepted`);
}

/** [field, value, path, reason] */
const TABLE: [string, JsonValue, string, string][] = [
  // The 15 scalar kinds, each with a value of the wrong JSON type…
  ['fDouble', 'x', 'fDouble', 'expected double, got "x"'],
  ['fFloat', true, 'fFloat', 'expected float, got true'],
  ['fInt64', 'x', 'fInt64', 'expected int64, got "x"'],
  ['fUint64', 'x', 'fUint64', 'expected uint64, got "x"'],
  ['fInt32', 'x', 'fInt32', 'expected int32, got "x"'],
  ['fFixed64', {}, 'fFixed64', 'expected fixed64, got an object'],
  ['fFixed32', [], 'fFixed32', 'expected fixed32, got a list'],
  ['fBool', 'yes', 'fBool', 'expected bool, got "yes"'],
  ['fString', 1, 'fString', 'expected string, got 1'],
  ['fBytes', 1, 'fBytes', 'expected base64 bytes, got 1'],
  ['fUint32', 'x', 'fUint32', 'expected uint32, got "x"'],
  ['fSfixed32', 1.5, 'fSfixed32', 'expected sfixed32, got 1.5'],
  ['fSfixed64', true, 'fSfixed64', 'expected sfixed64, got true'],
  ['fSint32', 'x', 'fSint32', 'expected sint32, got "x"'],
  ['fSint64', '1.5', 'fSint64', 'expected sint64, got "1.5"'],
  // …and, for the numbers, one that is too big or below zero.
  ['fFloat', 1e300, 'fFloat', 'expected float, got 1e+300 (out of range)'],
  [
    'fInt64',
    '9223372036854775808',
    'fInt64',
    'expected int64, got "9223372036854775808" (out of range)',
  ],
  ['fUint64', -1, 'fUint64', 'expected uint64, got -1 (out of range)'],
  ['fInt32', 2147483648, 'fInt32', 'expected int32, got 2147483648 (out of range)'],
  ['fFixed64', '-1', 'fFixed64', 'expected fixed64, got "-1" (out of range)'],
  ['fFixed32', 4294967296, 'fFixed32', 'expected fixed32, got 4294967296 (out of range)'],
  ['fUint32', -1, 'fUint32', 'expected uint32, got -1 (out of range)'],
  ['fSfixed32', -2147483649, 'fSfixed32', 'expected sfixed32, got -2147483649 (out of range)'],
  [
    'fSfixed64',
    '-9223372036854775809',
    'fSfixed64',
    'expected sfixed64, got "-9223372036854775809" (out of range)',
  ],
  ['fSint32', '3000000000', 'fSint32', 'expected sint32, got "3000000000" (out of range)'],
  ['fSint64', 1e19, 'fSint64', 'expected sint64, got 10000000000000000000 (out of range)'],
  ['fBytes', '!!', 'fBytes', 'expected base64 bytes, got "!!"'],
  // Enums, lists and maps: the path names the item or the entry.
  ['mood', 'SAD', 'mood', 'expected enum value name or number of gwb.jsonerrors.Mood, got "SAD"'],
  ['mood', true, 'mood', 'expected enum value name or number of gwb.jsonerrors.Mood, got true'],
  [
    'moods',
    ['HAPPY', 2.5],
    'moods[1]',
    'expected enum value name or number of gwb.jsonerrors.Mood, got 2.5',
  ],
  ['counts', [1, -2], 'counts[1]', 'expected uint32, got -2 (out of range)'],
  ['blobs', { '1': 'AA==', x: 'AA==' }, 'blobs["x"]', 'invalid map key: expected uint64, got "x"'],
  ['blobs', { '1': 5 }, 'blobs["1"]', 'expected base64 bytes, got 5'],
  [
    'moodsByName',
    { a: 'SAD' },
    'moodsByName["a"]',
    'expected enum value name or number of gwb.jsonerrors.Mood, got "SAD"',
  ],
  ['child', { child: { fInt64: 'x' } }, 'child.child.fInt64', 'expected int64, got "x"'],
  // Well-known types with a JSON form of their own.
  [
    'at',
    'noon',
    'at',
    'expected Timestamp (an RFC 3339 string such as "2024-01-02T15:04:05Z"), got "noon"',
  ],
  ['took', 5, 'took', 'expected Duration (seconds with an "s", such as "1.5s"), got 5'],
  ['mask', 5, 'mask', 'expected FieldMask (field paths separated by commas), got 5'],
  ['meta', [], 'meta', 'expected Struct (a JSON object), got a list'],
  ['list', {}, 'list', 'expected ListValue (a JSON list), got an object'],
  ['payload', 5, 'payload', 'expected Any (an object with "@type"), got 5'],
  [
    'payload',
    { '@type': 'type.googleapis.com/nowhere.Gone' },
    'payload',
    '"@type" names nowhere.Gone, which is not in the loaded schema',
  ],
  [
    'payload',
    { '@type': 'type.googleapis.com/gwb.jsonerrors.AllKinds', fUint64: 'x' },
    'payload.fUint64',
    'expected uint64, got "x"',
  ],
  [
    'payload',
    { '@type': 'type.googleapis.com/google.protobuf.Int64Value', value: true },
    'payload.value',
    'expected int64, got true',
  ],
  [
    'payload',
    { name: 'x' },
    'payload',
    'an Any needs "@type", e.g. "type.googleapis.com/pkg.Message"',
  ],
  [
    'payload',
    { '@type': 'nope/' },
    'payload',
    '"@type" must be a type URL such as "type.googleapis.com/pkg.Message", got "nope/"',
  ],
  ['wDouble', 'x', 'wDouble', 'expected double, got "x"'],
  ['wFloat', 'x', 'wFloat', 'expected float, got "x"'],
  ['wInt64', 'x', 'wInt64', 'expected int64, got "x"'],
  ['wUint64', -1, 'wUint64', 'expected uint64, got -1 (out of range)'],
  ['wInt32', 'x', 'wInt32', 'expected int32, got "x"'],
  ['wUint32', -1, 'wUint32', 'expected uint32, got -1 (out of range)'],
  ['wBool', 1, 'wBool', 'expected bool, got 1'],
  ['wString', 1, 'wString', 'expected string, got 1'],
  ['wBytes', '!!', 'wBytes', 'expected base64 bytes, got "!!"'],
];

const JAVASCRIPT_WORDS =
  /bigint|Uint8Array|boolean|number \(|float64|float32|Array\(|out of range$/;

describe('JSON input errors speak proto', () => {
  it.each(TABLE)('%s = %j: at %s, %s', (field, value, path, reason) => {
    const err = errorOf({ [field]: value });
    expect({ path: err.path, reason: err.reason }).toEqual({ path, reason });
    expect(err.message).toBe(`invalid gwb.jsonerrors.AllKinds at ${path}: ${reason}`);
  });

  it('no reason in the table uses a JavaScript type name', () => {
    for (const [field, value] of TABLE)
      expect(errorOf({ [field]: value }).reason).not.toMatch(JAVASCRIPT_WORDS);
  });

  it('every scalar field of the schema is in the table', () => {
    const desc = registry.getMessage('gwb.jsonerrors.AllKinds')!;
    const scalars = desc.fields.filter((f) => f.fieldKind === 'scalar').map((f) => f.jsonName);
    expect(scalars).toHaveLength(15);
    for (const name of scalars) expect(TABLE.map(([field]) => field)).toContain(name);
  });
});

describe('the last resort for a reason not found at a field', () => {
  it.each([
    ['expected bigint (int64), got true', 'expected int64, got true'],
    ['expected bigint (uint64): x out of range', 'expected uint64: x out of range'],
    ['expected number (int32), got "x"', 'expected int32, got "x"'],
    ['expected number (uint32): -1 out of range', 'expected uint32: -1 out of range'],
    ['expected number (float64), got "x"', 'expected double, got "x"'],
    ['expected number (float32), got "x"', 'expected float, got "x"'],
    ['expected Uint8Array, got 1', 'expected base64 bytes, got 1'],
    ['expected boolean, got 1', 'expected bool, got 1'],
    ['expected Array, got 1', 'expected a list, got 1'],
    ['invalid base64 string', 'expected base64 bytes'],
  ])('%s → %s', (bufbuild, proto) => {
    expect(inProtoWords(bufbuild)).toBe(proto);
  });
});
