import { create, equals, fromBinary, toBinary, toJson } from '@bufbuild/protobuf';
import { anyPack } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../shared/calls/events.js';
import { setAsideUnknownAnys } from '../unknown-any.js';
import { bagBytes, bagOnlyRegistry, fullRegistry, packedSecret } from '../unknown-any.testkit.js';
import { messageFromJson } from './message-from-json.js';

/** The JSON the engine hands on for `bytes` of gwb.anytest.Bag, decoded with bag.proto alone. */
function engineJson(bytes: Uint8Array): JsonValue {
  const registry = bagOnlyRegistry();
  const bag = registry.getMessage('gwb.anytest.Bag')!;
  const message = fromBinary(bag, bytes);
  const aside = setAsideUnknownAnys(bag, message, registry);
  if (!aside) throw new Error('the test message has no unknown Any');
  return aside.restore(toJson(bag, message, { registry: aside.registry }) as JsonValue);
}

describe('messageFromJson reads back the JSON of a message with unknown Anys', () => {
  it('every unknown Any comes back as it arrived: the same bytes', () => {
    const bytes = bagBytes(fullRegistry());
    const registry = bagOnlyRegistry();
    const bag = registry.getMessage('gwb.anytest.Bag')!;
    const message = messageFromJson(bag, engineJson(bytes), registry);
    expect(equals(bag, message, fromBinary(bag, bytes))).toBe(true);
  });

  it('an unknown Any inside a known Any too', () => {
    const full = fullRegistry();
    const inner = full.getMessage('gwb.anytest.Inner')!;
    const bagFull = full.getMessage('gwb.anytest.Bag')!;
    const bytes = toBinary(
      bagFull,
      create(bagFull, {
        single: anyPack(
          inner,
          create(inner, { label: 'outer', deep: packedSecret(full, 'hidden', 9n) }),
        ),
      }),
    );
    const registry = bagOnlyRegistry();
    const bag = registry.getMessage('gwb.anytest.Bag')!;
    const message = messageFromJson(bag, engineJson(bytes), registry);
    expect(equals(bag, message, fromBinary(bag, bytes))).toBe(true);
  });
});
