import { createFileRegistry } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/calls/events.js';
import { byUtf8, hasKeysToOrder } from './map-key-order.js';
import { mapsBytes, mapsOnlyRegistry, serverFiles } from './map-order.testkit.js';
import { createMessageCodec } from './message-codec.js';
import { bagBytes, fullRegistry } from './unknown-any.testkit.js';

type Obj = { [key: string]: JsonValue };
const keys = (json: JsonValue | undefined) => Object.keys(json as Obj);
const at = (json: JsonValue, ...path: string[]) =>
  path.reduce<JsonValue>((j, key) => (j as Obj)[key] as JsonValue, json);

describe('map keys in JSON are sorted as grpcurl sorts them, whatever order the wire had', () => {
  const registry = createFileRegistry(serverFiles());
  const json = createMessageCodec(registry, 'gwb.maptest.Maps').decode(mapsBytes(registry));

  it('strings by UTF-8 bytes, integers by value, false before true', () => {
    expect(keys(at(json, 'byName'))).toEqual(['Z', 'a', 'b', '~', 'é']);
    expect(keys(at(json, 'byInt'))).toEqual(['0', '3', '5', '100']);
    expect(keys(at(json, 'byLong'))).toEqual(['7', '300', '4294967296']);
    expect(keys(at(json, 'byUlong'))).toEqual(['2', '10', '18446744073709551615']);
    expect(keys(at(json, 'byFlag'))).toEqual(['false', 'true']);
  });

  it('in map values, list items, Structs and messages packed in an Any', () => {
    expect(keys(at(json, 'children'))).toEqual(['x', 'y']);
    expect(keys(at(json, 'children', 'x', 'byFlag'))).toEqual(['false', 'true']);
    expect(keys(at(json, 'children', 'y', 'byName'))).toEqual(['p', 'q']);
    expect(keys((at(json, 'list') as JsonValue[])[0] as Obj)).toEqual(['byName']);
    expect(keys(at((at(json, 'list') as JsonValue[])[0] as Obj, 'byName'))).toEqual(['c', 'd']);
    expect(keys(at(json, 'doc'))).toEqual(['aa', 'zz']);
    expect(keys(at(json, 'doc', 'aa'))).toEqual(['k1', 'k2']);
    expect(keys(at(json, 'packed', 'counts'))).toEqual(['a', 'b']);
  });

  it("a packed message's fields come after @type in name order (grpcurl's jsonpb)", () => {
    expect(keys(at(json, 'packed'))).toEqual(['@type', 'alpha', 'counts', 'mid', 'zeta']);
    // Message fields outside an Any keep their declaration order.
    expect(keys(json).slice(0, 3)).toEqual(['byName', 'byInt', 'byLong']);
  });

  it('an Any inside an Any: the inner one is opened and ordered too', () => {
    const full = fullRegistry();
    const bag = createMessageCodec(full, 'gwb.anytest.Bag').decode(bagBytes(full));
    expect(keys(at(bag, 'inner', 'deep'))).toEqual(['@type', 'nested', 'note']);
    expect(keys(at(bag, 'inner', 'deep', 'nested'))).toEqual(['@type', 'code', 'level']);
  });

  it('UTF-8 order differs from UTF-16 order above U+FFFF', () => {
    // U+1F600 is 0xD83D 0xDE00 in UTF-16 (below U+FF5E); in UTF-8 (and code points) it is above.
    expect(['😀', '～', 'a'].sort(byUtf8)).toEqual(['a', '～', '😀']);
    expect(['😀', '～'].sort()).toEqual(['😀', '～']);
  });
});

describe('types without maps or Anys are not walked', () => {
  it('is decided once per type from the descriptor', () => {
    const registry = mapsOnlyRegistry();
    expect(hasKeysToOrder(registry.getMessage('gwb.maptest.Maps')!)).toBe(true);
    expect(hasKeysToOrder(registry.getMessage('google.protobuf.Empty')!)).toBe(false);
    expect(hasKeysToOrder(registry.getMessage('google.protobuf.Struct')!)).toBe(true);
  });
});
