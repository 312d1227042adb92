import { create, toBinary } from '@bufbuild/protobuf';
import { anyPack } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { createMessageCodec } from './message-codec.js';
import { googleRpcRegistry } from './rpc-registry.js';
import { decodeStatusDetails } from './status-details.js';
import { bagBytes, bagOnlyRegistry, fullRegistry, packedSecret } from './unknown-any.testkit.js';

const unknownSecret = (value: string) => ({
  '@error': 'gwb.hidden.Secret is not recognized; see @value for raw binary message data',
  '@type': 'type.googleapis.com/gwb.hidden.Secret',
  '@value': value,
});

describe('an Any whose type the schema lacks', () => {
  const full = fullRegistry();

  it('stands by itself as grpcurl shows it; the rest of the message is decoded', () => {
    const json = createMessageCodec(bagOnlyRegistry(), 'gwb.anytest.Bag').decode(bagBytes(full));
    expect(json).toEqual({
      name: 'bag',
      single: unknownSecret('CgVhbHBoYRAB'),
      many: [
        unknownSecret('CgRiZXRhEAI='),
        { '@type': 'type.googleapis.com/google.protobuf.Timestamp', value: '2023-11-14T22:13:20Z' },
      ],
      byKey: { k: unknownSecret('CgVnYW1tYRAD') },
      inner: {
        label: 'in',
        deep: {
          '@error': 'gwb.hidden.Wrapper is not recognized; see @value for raw binary message data',
          '@type': 'type.googleapis.com/gwb.hidden.Wrapper',
          '@value':
            'Cgd3cmFwcGVkEjIKJXR5cGUuZ29vZ2xlYXBpcy5jb20vZ3diLmhpZGRlbi5TZWNyZXQSCQoFZGVsdGEQBA==',
        },
      },
      count: '7',
    });
    // grpcurl's key order, which scripts comparing text rely on.
    expect(Object.keys((json as { single: object }).single)).toEqual(['@error', '@type', '@value']);
  });

  it('inside an Any of a known type: the known one is opened, the unknown one inside it is not', () => {
    const wrapper = full.getMessage('gwb.hidden.Wrapper')!;
    const bag = full.getMessage('gwb.anytest.Bag')!;
    const gone = { typeUrl: 'type.googleapis.com/nowhere.Gone', value: new Uint8Array([8, 1]) };
    const bytes = toBinary(
      bag,
      create(bag, {
        single: anyPack(wrapper, create(wrapper, { note: 'known', nested: gone })),
        many: [packedSecret(full, 'known too', 5n), gone],
      }),
    );
    expect(createMessageCodec(full, 'gwb.anytest.Bag').decode(bytes)).toEqual({
      single: {
        '@type': 'type.googleapis.com/gwb.hidden.Wrapper',
        note: 'known',
        nested: {
          '@error': 'nowhere.Gone is not recognized; see @value for raw binary message data',
          '@type': 'type.googleapis.com/nowhere.Gone',
          '@value': 'CAE=',
        },
      },
      many: [
        { '@type': 'type.googleapis.com/gwb.hidden.Secret', code: 'known too', level: '5' },
        {
          '@error': 'nowhere.Gone is not recognized; see @value for raw binary message data',
          '@type': 'type.googleapis.com/nowhere.Gone',
          '@value': 'CAE=',
        },
      ],
    });
  });

  it('with -emit-defaults too', () => {
    const codec = createMessageCodec(bagOnlyRegistry(), 'gwb.anytest.Bag', { emitDefaults: true });
    const json = codec.decode(bagBytes(full)) as { single: unknown; many: unknown[] };
    expect(json.single).toEqual(unknownSecret('CgVhbHBoYRAB'));
    expect(json.many[0]).toEqual(unknownSecret('CgRiZXRhEAI='));
  });

  it('with the full schema every Any is decoded as before', () => {
    const json = createMessageCodec(full, 'gwb.anytest.Bag').decode(bagBytes(full)) as {
      single: unknown;
    };
    expect(json.single).toEqual({
      '@type': 'type.googleapis.com/gwb.hidden.Secret',
      code: 'alpha',
      level: '1',
    });
  });

  it('"could not be decoded" stays for bytes that really do not decode', () => {
    const codec = createMessageCodec(bagOnlyRegistry(), 'gwb.anytest.Bag');
    expect(() => codec.decode(new Uint8Array([0x12, 0x05, 0x0a]))).toThrow(/invalid wire data/);
    // A known type packed with bytes that are not that type: an error, not an unknown Any.
    const bag = full.getMessage('gwb.anytest.Bag')!;
    const broken = toBinary(
      bag,
      create(bag, {
        single: {
          typeUrl: 'type.googleapis.com/google.protobuf.Timestamp',
          value: new Uint8Array([0x0a, 0x05, 0x01]),
        },
      }),
    );
    expect(() => createMessageCodec(bagOnlyRegistry(), 'gwb.anytest.Bag').decode(broken)).toThrow(
      /cannot be shown as JSON/,
    );
  });

  it('in a status detail of a known type, the unknown Any inside is shown the same way', () => {
    const status = googleRpcRegistry().getMessage('google.rpc.Status')!;
    const wrapper = full.getMessage('gwb.hidden.Wrapper')!;
    const gone = { typeUrl: 'type.googleapis.com/nowhere.Gone', value: new Uint8Array([8, 1]) };
    const bytes = toBinary(
      status,
      create(status, {
        code: 9,
        details: [anyPack(wrapper, create(wrapper, { note: 'n', nested: gone }))],
      }),
    );
    expect(decodeStatusDetails(full, bytes).details[0]?.value).toEqual({
      note: 'n',
      nested: {
        '@error': 'nowhere.Gone is not recognized; see @value for raw binary message data',
        '@type': 'type.googleapis.com/nowhere.Gone',
        '@value': 'CAE=',
      },
    });
  });
});
