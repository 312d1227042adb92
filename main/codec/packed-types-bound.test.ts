import { describe, expect, it } from 'vitest';
import { createMessageCodec } from './message-codec.js';
import { createPackedTypeFinder, MAX_PACKED_TYPES_ASKED } from './packed-types.js';
import { bagBytes, bagOnlyRegistry, fullRegistry } from './unknown-any.testkit.js';

// The names a finder asks reflection for come from the server's type URLs: a server sending a new
// one in every message must not grow the finder's memory (or the reflection traffic) for ever.

function finderCountingLookups() {
  const asked: string[] = [];
  const finder = createPackedTypeFinder([], bagOnlyRegistry(), (name) => {
    asked.push(name);
    return Promise.resolve([]);
  });
  return { finder, asked };
}

describe(`a packed-type finder asks for at most ${MAX_PACKED_TYPES_ASKED} names`, () => {
  it('beyond that, a new name is unknown without asking; names asked before stay asked', async () => {
    const { finder, asked } = finderCountingLookups();
    const names = Array.from({ length: MAX_PACKED_TYPES_ASKED }, (_, i) => `evil.T${i}`);
    await finder.find(names);
    expect(asked).toHaveLength(MAX_PACKED_TYPES_ASKED);
    expect(finder.asked('evil.Beyond')).toBe(true);
    await finder.find(['evil.Beyond', 'evil.T0']);
    expect(asked).toHaveLength(MAX_PACKED_TYPES_ASKED);
    expect(finder.asked('evil.T0')).toBe(true);
  });

  it('below it, every new name is asked once', async () => {
    const { finder, asked } = finderCountingLookups();
    expect(finder.asked('a.B')).toBe(false);
    await finder.find(['a.B', 'a.B']);
    await finder.find(['a.B']);
    expect(asked).toEqual(['a.B']);
  });

  it("a full finder's codec shows the unknown Any without a lookup", () => {
    const { finder, asked } = finderCountingLookups();
    void finder.find(Array.from({ length: MAX_PACKED_TYPES_ASKED }, (_, i) => `evil.T${i}`));
    const codec = createMessageCodec(bagOnlyRegistry(), 'gwb.anytest.Bag', { packedTypes: finder });
    const bytes = bagBytes(fullRegistry());
    expect(codec.typesToFetch?.(bytes)).toBeUndefined();
    expect(JSON.stringify(codec.decode(bytes))).toContain('@error');
    expect(asked).toHaveLength(MAX_PACKED_TYPES_ASKED);
  });
});
