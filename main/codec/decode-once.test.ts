import type { Registry } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { createMessageCodec } from './message-codec.js';
import { createPackedTypeFinder } from './packed-types.js';
import { bagBytes, bagOnlyRegistry, fullRegistry } from './unknown-any.testkit.js';

// A schema loaded by reflection gives its codecs a packed-type finder. A message whose Anys are all
// known must cost what it costs without one: decoded once, not walked for unknown Anys.

/** The registry, counting its type look-ups (every decode of an Any, and every walk, asks it). */
function counting(registry: Registry): { registry: Registry; lookups: () => number } {
  let n = 0;
  const counted: Registry = {
    kind: 'registry',
    [Symbol.iterator]: () => registry[Symbol.iterator](),
    get: (name) => (n++, registry.get(name)),
    getMessage: (name) => (n++, registry.getMessage(name)),
    getEnum: (name) => registry.getEnum(name),
    getExtension: (name) => registry.getExtension(name),
    getExtensionFor: (extendee, no) => registry.getExtensionFor(extendee, no),
    getService: (name) => registry.getService(name),
  };
  return { registry: counted, lookups: () => n };
}

/** Decodes `count` messages as the call session does: typesToFetch first, then decode. */
function decodeStream(registry: Registry, withFinder: boolean, bytes: Uint8Array, count: number) {
  const asked: string[] = [];
  const finder = createPackedTypeFinder([], registry, (name) => {
    asked.push(name);
    return Promise.resolve([]);
  });
  const codec = createMessageCodec(registry, 'gwb.anytest.Bag', {
    ...(withFinder ? { packedTypes: finder } : {}),
  });
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(codec.typesToFetch?.(bytes)).toBeUndefined();
    out.push(codec.decode(bytes));
  }
  return { out, asked };
}

describe('a stream of messages whose Anys are all known', () => {
  it('is decoded once per message, with no walk for unknown Anys and no lookup', () => {
    const full = fullRegistry();
    const bytes = bagBytes(full);
    const plain = counting(full);
    const reference = decodeStream(plain.registry, false, bytes, 50);
    const found = counting(full);
    const withFinder = decodeStream(found.registry, true, bytes, 50);
    expect(withFinder.out).toEqual(reference.out);
    expect(withFinder.asked).toEqual([]);
    expect(plain.lookups()).toBeGreaterThan(0);
    // The same type look-ups as a codec without a finder: nothing decoded or walked twice.
    expect(found.lookups()).toBe(plain.lookups());
  });

  it('one holding an unknown Any still asks for its type (once)', async () => {
    const bagOnly = bagOnlyRegistry();
    const bytes = bagBytes(fullRegistry());
    const asked: string[] = [];
    const finder = createPackedTypeFinder([], bagOnly, (name) => {
      asked.push(name);
      return Promise.resolve([]);
    });
    const codec = createMessageCodec(bagOnly, 'gwb.anytest.Bag', { packedTypes: finder });
    const lookup = codec.typesToFetch?.(bytes);
    expect(lookup).toBeInstanceOf(Promise);
    await lookup;
    expect(asked.length).toBeGreaterThan(0);
    expect(codec.typesToFetch?.(bytes)).toBeUndefined();
    expect(JSON.stringify(codec.decode(bytes))).toContain('@error');
  });
});
