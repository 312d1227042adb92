// An Any (and a map) inside a proto2 extension: the registry, not the message's descriptor, knows
// the extensions, and the walks that open Anys and sort keys follow them (review30-b S-2).
import {
  create,
  createFileRegistry,
  getExtension,
  setExtension,
  toBinary,
} from '@bufbuild/protobuf';
import { anyPack } from '@bufbuild/protobuf/wkt';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/calls/events.js';
import { createMessageCodec } from './message-codec.js';
import { compileDescriptorSet } from './protoc.testkit.js';
import { messageFromJson } from './text-format/message-from-json.js';
import { hiddenProto, unknownAnyDir } from './unknown-any.testkit.js';

const extendedSet = compileDescriptorSet(join(unknownAnyDir, 'extended.proto'), unknownAnyDir);
const hiddenSet = compileDescriptorSet(hiddenProto, unknownAnyDir);
/** What the server knows: the extended message and the packed types. */
const full = createFileRegistry({
  ...extendedSet,
  file: [
    ...extendedSet.file,
    ...hiddenSet.file.filter((f) => !extendedSet.file.some((e) => e.name === f.name)),
  ],
});
/** What a client given extended.proto alone knows: no Secret, no Wrapper. */
const extendedOnly = createFileRegistry(extendedSet);

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} missing from the test schema`);
  return value;
}

const secret = (code: string, level: bigint) => {
  const desc = need(full.getMessage('gwb.hidden.Secret'), 'Secret');
  return anyPack(desc, create(desc, { code, level }));
};

/** Extensible{name} with an Any, a list of Anys (one packing another) and a Holder as extensions. */
function extendedBytes(): Uint8Array {
  const desc = need(full.getMessage('gwb.exttest.Extensible'), 'Extensible');
  const wrapper = need(full.getMessage('gwb.hidden.Wrapper'), 'Wrapper');
  const message = create(desc, { name: 'ext' });
  setExtension(message, need(full.getExtension('gwb.exttest.payload'), 'payload'), secret('a', 1n));
  setExtension(message, need(full.getExtension('gwb.exttest.payloads'), 'payloads'), [
    secret('b', 2n),
    anyPack(wrapper, create(wrapper, { note: 'w', nested: secret('c', 3n) })),
  ]);
  const holder = need(full.getMessage('gwb.exttest.Holder'), 'Holder');
  setExtension(
    message,
    need(full.getExtension('gwb.exttest.holder'), 'holder'),
    create(holder, { tags: { zeta: '2', alpha: '1' }, inside: secret('d', 4n) }),
  );
  return toBinary(desc, message);
}

const unknown = (type: string, value: string) => ({
  '@error': `${type} is not recognized; see @value for raw binary message data`,
  '@type': `type.googleapis.com/${type}`,
  '@value': value,
});

type JsonObject = { [key: string]: JsonValue };
const at = (json: JsonValue, ...keys: (string | number)[]): JsonValue =>
  keys.reduce<JsonValue>((j, k) => (j as JsonObject)[k] as JsonValue, json);

describe('an Any inside a proto2 extension', () => {
  it('of a known type: "@type" first, then the packed fields in order; maps sorted', () => {
    const json = createMessageCodec(full, 'gwb.exttest.Extensible').decode(extendedBytes());
    expect(json).toEqual({
      name: 'ext',
      '[gwb.exttest.payload]': {
        '@type': 'type.googleapis.com/gwb.hidden.Secret',
        code: 'a',
        level: '1',
      },
      '[gwb.exttest.payloads]': [
        { '@type': 'type.googleapis.com/gwb.hidden.Secret', code: 'b', level: '2' },
        {
          '@type': 'type.googleapis.com/gwb.hidden.Wrapper',
          nested: { '@type': 'type.googleapis.com/gwb.hidden.Secret', code: 'c', level: '3' },
          note: 'w',
        },
      ],
      '[gwb.exttest.holder]': {
        tags: { alpha: '1', zeta: '2' },
        inside: { '@type': 'type.googleapis.com/gwb.hidden.Secret', code: 'd', level: '4' },
      },
    });
    // grpcurl's order, which scripts comparing text rely on.
    expect(Object.keys(at(json, '[gwb.exttest.payload]') as JsonObject)).toEqual([
      '@type',
      'code',
      'level',
    ]);
    expect(Object.keys(at(json, '[gwb.exttest.payloads]', 1) as JsonObject)).toEqual([
      '@type',
      'nested',
      'note',
    ]);
    expect(Object.keys(at(json, '[gwb.exttest.holder]', 'tags') as JsonObject)).toEqual([
      'alpha',
      'zeta',
    ]);
  });

  it('of a type the schema lacks: shown by itself as grpcurl does, the rest decoded', () => {
    const json = createMessageCodec(extendedOnly, 'gwb.exttest.Extensible').decode(extendedBytes());
    expect(json).toEqual({
      name: 'ext',
      '[gwb.exttest.payload]': unknown('gwb.hidden.Secret', 'CgFhEAE='),
      '[gwb.exttest.payloads]': [
        unknown('gwb.hidden.Secret', 'CgFiEAI='),
        expect.objectContaining({ '@type': 'type.googleapis.com/gwb.hidden.Wrapper' }),
      ],
      '[gwb.exttest.holder]': {
        tags: { alpha: '1', zeta: '2' },
        inside: unknown('gwb.hidden.Secret', 'CgFkEAQ='),
      },
    });
    expect(Object.keys(at(json, '[gwb.exttest.holder]', 'tags') as JsonObject)).toEqual([
      'alpha',
      'zeta',
    ]);
  });

  it('of a type the schema lacks: its JSON reads back to the bytes that came', () => {
    const bytes = extendedBytes();
    const desc = need(extendedOnly.getMessage('gwb.exttest.Extensible'), 'Extensible');
    const json = createMessageCodec(extendedOnly, 'gwb.exttest.Extensible').decode(bytes);
    const back = messageFromJson(desc, json, extendedOnly);
    // Each Any as it arrived: its type URL and packed bytes, not a placeholder.
    const payload = getExtension(back, need(extendedOnly.getExtension('gwb.exttest.payload'), 'p'));
    expect((payload as { typeUrl: string }).typeUrl).toBe('type.googleapis.com/gwb.hidden.Secret');
    expect(createMessageCodec(full, 'gwb.exttest.Extensible').decode(toBinary(desc, back))).toEqual(
      createMessageCodec(full, 'gwb.exttest.Extensible').decode(bytes),
    );
  });
});
