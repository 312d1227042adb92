import { createFileRegistry } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/calls/events.js';
import { serverFiles } from './map-order.testkit.js';
import { createMessageCodec } from './message-codec.js';

// "__proto__" is a valid map key and Struct key; assigning it to a plain object sets the object's
// prototype instead of adding the entry. JSON.parse (unlike an object literal) makes it an own key.
const withProtoKeys = (extra = '') =>
  JSON.parse(
    `{"byName":{"b":"B","__proto__":"P"},"children":{"__proto__":{"byName":{"__proto__":"inner"}}},` +
      `"doc":{"__proto__":{"k":1},"a":2}${extra}}`,
  ) as JsonValue;

type Obj = { [key: string]: JsonValue };
const own = (json: JsonValue, ...path: string[]): JsonValue =>
  path.reduce<JsonValue>((j, key) => {
    expect(Object.keys(j as Obj)).toContain(key);
    return (j as Obj)[key] as JsonValue;
  }, json);

describe('a map or Struct key "__proto__" survives decoding to JSON', () => {
  const codec = createMessageCodec(createFileRegistry(serverFiles()), 'gwb.maptest.Maps');

  it('in a map<string, string>, a map of messages and a Struct, keys still sorted', () => {
    const json = codec.decode(codec.encode(withProtoKeys()));
    expect(Object.keys(own(json, 'byName') as Obj)).toEqual(['__proto__', 'b']);
    expect(own(json, 'byName', '__proto__')).toBe('P');
    expect(own(json, 'children', '__proto__', 'byName', '__proto__')).toBe('inner');
    expect(Object.keys(own(json, 'doc') as Obj)).toEqual(['__proto__', 'a']);
    expect(own(json, 'doc', '__proto__', 'k')).toBe(1);
    expect(Object.getPrototypeOf(own(json, 'doc'))).toBe(Object.prototype);
    // And back: the JSON encodes to the same message.
    expect(codec.decode(codec.encode(json))).toEqual(json);
  });

  it('in a message that also holds an Any of an unknown type (the set-aside path)', () => {
    // Maps.ghost (field 10) packs gwb.nowhere.Ghost, which nobody knows: added on the wire.
    const url = Buffer.from('type.googleapis.com/gwb.nowhere.Ghost');
    const any = Buffer.concat([Buffer.from([0x0a, url.length]), url, Buffer.from([0x12, 2, 8, 1])]);
    const ghost = Buffer.concat([Buffer.from([(10 << 3) | 2, any.length]), any]);
    const json = codec.decode(Buffer.concat([codec.encode(withProtoKeys()), ghost]));
    expect(own(json, 'ghost', '@type')).toBe('type.googleapis.com/gwb.nowhere.Ghost');
    expect(own(json, 'byName', '__proto__')).toBe('P');
    expect(own(json, 'children', '__proto__', 'byName', '__proto__')).toBe('inner');
    expect(own(json, 'doc', '__proto__', 'k')).toBe(1);
  });
});
