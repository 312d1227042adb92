import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/calls/events.js';
import { createMessageCodec } from './index.js';
import { compileRegistry, testdata } from './protoc.testkit.js';

// decodeToText (json-text.ts) must write exactly the text JSON.stringify(decode(bytes)) gives, for
// every kind it takes on, and leave to decode (undefined) whatever it is not sure of: recordings
// made through it are byte for byte those made before it.
const registry = compileRegistry(testdata('json_text.proto'));
const kinds = createMessageCodec(registry, 'gwb.jsontext.Kinds');

function textOf(bytes: Uint8Array): string | undefined {
  return kinds.decodeToText?.(bytes);
}

/** The text decode gives, or undefined when it throws. */
function decodedText(bytes: Uint8Array): string | undefined {
  try {
    return JSON.stringify(kinds.decode(bytes));
  } catch {
    return undefined;
  }
}

const everyKind: JsonValue = {
  fDouble: 1.5e300,
  fFloat: -3.25,
  fInt32: -2147483648,
  fInt64: '-9223372036854775808',
  fUint32: 4294967295,
  fUint64: '18446744073709551615',
  fSint32: -7,
  fSint64: '-9007199254740993',
  fFixed32: 4000000000,
  fFixed64: '9007199254740993',
  fSfixed32: -5,
  fSfixed64: '-1',
  fBool: true,
  fString: 'quote " backslash \\ newline \n control \u0001 é 😀 \u2028',
  fBytes: 'AAEC/w==',
  mood: 'CROSS',
  leaf: { note: 'n', n: 3 },
  rDouble: [0, -0, 1.25, 'NaN', 'Infinity', '-Infinity', 5e-324],
  rFloat: [0, 'NaN', 0.1, '-Infinity'],
  rInt32: [0, -1, 2147483647],
  rInt64: ['0', '-1', '4294967296', '9223372036854775807'],
  rUint32: [0, 4294967295],
  rUint64: ['0', '4294967296', '18446744073709551615'],
  rSint32: [0, -1, 1, -2147483648],
  rSint64: ['0', '-1', '1', '-9223372036854775808', '9223372036854775807'],
  rFixed32: [0, 1],
  rFixed64: ['0', '18446744073709551615'],
  rSfixed32: [0, -2147483648],
  rSfixed64: ['0', '-9223372036854775808'],
  rBool: [false, true],
  rString: ['', 'a', 'ü'],
  rBytes: ['', 'AQ=='],
  rMood: ['MOOD_UNSPECIFIED', 'HAPPY', 9],
  rLeaf: [{}, { note: 'x' }, { n: -1 }],
  rDoubleUnpacked: [1, 'NaN'],
  rSint64Unpacked: ['-3', '0'],
  child: { fInt32: 1, child: { fString: 'deep', child: {} } },
  'custom"key': 'named',
};

const singularZeros: JsonValue[] = [
  { fDouble: -0 },
  { fFloat: -0 },
  { fDouble: 'NaN' },
  { fFloat: 'Infinity' },
  { mood: 7 },
  { mood: 'MOOD_UNSPECIFIED', fInt64: '0', fString: '', fBytes: '', fBool: false },
  { leaf: {} },
  {},
];

describe('decodeToText: the JSON text straight from the bytes', () => {
  it('is the text of decode for every scalar kind, enums, int64, bytes, NaN/Infinity/-0, repeated, nested', () => {
    for (const json of [everyKind, ...singularZeros]) {
      const bytes = kinds.encode(json);
      const text = textOf(bytes);
      expect(text).toBeDefined();
      expect(text).toBe(JSON.stringify(kinds.decode(bytes)));
    }
  });

  it('skips unknown fields, takes the last of a repeated singular, reads unpacked and packed lists', () => {
    const unknown = [
      0x98, 0x06, 0x2a, 0xa2, 0x06, 0x02, 0x68, 0x69, 0xa9, 0x06, 1, 2, 3, 4, 5, 6, 7, 8,
    ];
    const twice = [0x18, 0x05, 0x18, 0x00, 0x18, 0x09]; // fInt32 5, 0, 9: 9 wins
    const unpacked = [0xb8, 0x01, 0x03, 0xb8, 0x01, 0x7f]; // rInt32 3 then -1... as two records
    const packedThenUnpacked = [0xba, 0x01, 0x02, 0x01, 0x02, 0xb8, 0x01, 0x04];
    for (const wire of [unknown, twice, unpacked, packedThenUnpacked, [0x18, 0x05, 0x18, 0x00]]) {
      const bytes = Uint8Array.from([...kinds.encode(everyKind), ...wire]);
      expect(textOf(bytes)).toBe(decodedText(bytes));
      const alone = Uint8Array.from(wire);
      expect(textOf(alone)).toBe(decodedText(alone));
    }
  });

  it('leaves to decode what bufbuild merges or rejects: a message given twice, invalid UTF-8, bad tags', () => {
    // leaf {n: 1} then leaf {note: "a"}: bufbuild merges the two
    const leafTwice = Uint8Array.from([
      0x8a, 0x01, 0x02, 0x10, 0x01, 0x8a, 0x01, 0x03, 0x0a, 0x01, 0x61,
    ]);
    expect(textOf(leafTwice)).toBeUndefined();
    expect(decodedText(leafTwice)).toBe('{"leaf":{"note":"a","n":1}}');
    const badUtf8 = Uint8Array.from([0x72, 0x01, 0xff]);
    expect(textOf(badUtf8)).toBeUndefined();
    expect(() => kinds.decode(badUtf8)).toThrow();
    for (const bad of [
      [0x00, 0x01],
      [0x1b],
      [0x18],
      [0x72, 0x05, 0x61],
      [0x0b, 0x0c],
      [0x1a, 0x01, 0x01],
    ])
      expect(textOf(Uint8Array.from(bad))).toBeUndefined();
  });

  it('agrees with decode on thousands of damaged messages: the same text, or undefined', () => {
    let seed = 31;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const sources = [everyKind, ...singularZeros].map((json) => kinds.encode(json));
    let fast = 0;
    for (let i = 0; i < 4000; i++) {
      const from = sources[Math.floor(random() * sources.length)]!;
      const bytes = Uint8Array.from(from);
      const cut = random() < 0.2 ? Math.floor(random() * bytes.length) : bytes.length;
      for (let flips = 1 + Math.floor(random() * 3); flips > 0 && bytes.length > 0; flips--)
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const damaged = bytes.subarray(0, cut);
      const text = textOf(damaged);
      const expected = decodedText(damaged);
      if (text !== undefined) {
        fast++;
        expect(text).toBe(expected);
      }
    }
    expect(fast).toBeGreaterThan(400); // most damage still reads: the comparison means something
  });

  it('is not offered for maps, oneofs, optional scalars, well-known types (at any depth) or emitDefaults', () => {
    for (const type of ['WithMap', 'WithOneof', 'WithOptional', 'WithTimestamp', 'HoldsMap'])
      expect(createMessageCodec(registry, `gwb.jsontext.${type}`).decodeToText).toBeUndefined();
    expect(
      createMessageCodec(registry, 'gwb.jsontext.Kinds', { emitDefaults: true }).decodeToText,
    ).toBeUndefined();
    expect(createMessageCodec(registry, 'gwb.jsontext.Leaf').decodeToText).toBeDefined();
  });
});
