import { describe, expect, it } from 'vitest';
import { createMessageCodec } from './index.js';
import { compileRegistry, testdata } from './protoc.testkit.js';

// A type that can hold no Any and reaches no extension range is decoded without asking bufbuild
// to keep unknown fields or to look anything up (message-codec.ts, writeOptions): fields a
// newer server sends are left out, as grpcurl leaves them out, and the rest is printed as ever.
const registry = compileRegistry(testdata('codec_test.proto'));

/** `known`'s encoding followed by fields 99 (varint), 100 (bytes) and 101 (fixed64). */
function withUnknownFields(known: Uint8Array): Uint8Array {
  const unknown = [
    [0x98, 0x06, 0x2a], // 99: 42
    [0xa2, 0x06, 0x02, 0x68, 0x69], // 100: "hi"
    [0xa9, 0x06, 1, 2, 3, 4, 5, 6, 7, 8], // 101: fixed64
  ].flat();
  return Uint8Array.from([...known, ...unknown]);
}

describe('decoding a type without Any, with fields the schema does not know', () => {
  it('prints the fields it knows: int64 as text, bytes as base64, enums by name', () => {
    const scalars = createMessageCodec(registry, 'gwb.codectest.Scalars');
    const json = { i64: '-9007199254740993', u64: '18446744073709551615', data: 'AAEC/w==' };
    expect(scalars.decode(withUnknownFields(scalars.encode(json)))).toEqual(json);
    const user = createMessageCodec(registry, 'gwb.codectest.User');
    const nested = {
      userName: 'ada',
      addresses: [{ zip: '1' }],
      byId: { '9007199254740993': 'x', '-1': 'y' },
      color: 'GREEN',
      home: { streetName: 's' },
    };
    expect(user.decode(withUnknownFields(user.encode(nested)))).toEqual(nested);
  });

  it('keeps map keys in grpcurl’s order and emits defaults when asked', () => {
    const user = createMessageCodec(registry, 'gwb.codectest.User', { emitDefaults: true });
    const decoded = user.decode(withUnknownFields(user.encode({ counts: { b: 1, a: 2 } })));
    expect(Object.keys((decoded as { counts: object }).counts)).toEqual(['a', 'b']);
    expect(decoded).toMatchObject({ userName: '', color: 'COLOR_UNSPECIFIED', addresses: [] });
  });

  it('an enum number the schema lacks stays a number', () => {
    const user = createMessageCodec(registry, 'gwb.codectest.User');
    // Field 6 (color) = 7: a value newer than the schema.
    expect(user.decode(Uint8Array.from([0x30, 7]))).toEqual({ color: 7 });
  });
});
