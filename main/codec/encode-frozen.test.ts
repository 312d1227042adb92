import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/calls/events.js';
import { deepFreeze } from '../../shared/json/frozen-json.js';
import { createMessageCodec } from './index.js';
import { compileRegistry, testdata } from './protoc.testkit.js';

// A saved request's messages are frozen all the way down while its file is unchanged
// (request-files.ts): a codec encodes such a message once and gives the same bytes after. A
// message anyone may still change is encoded every time, so a change is what is sent.

const registry = compileRegistry(testdata('codec_test.proto'));
const codec = (type: string) => createMessageCodec(registry, `gwb.codectest.${type}`);
const user = (): JsonValue => ({
  userName: 'ada',
  labels: { home: { zip: '75001' } },
  home: { zip: '75002' },
});

describe('encoding a deeply frozen message', () => {
  it('is done once per codec: the same bytes again, equal to a fresh encoding', () => {
    const users = codec('User');
    const frozen = deepFreeze(user());
    const first = users.encode(frozen);
    expect(users.encode(frozen)).toBe(first);
    expect(Buffer.from(first)).toEqual(Buffer.from(codec('User').encode(user())));
    // Another codec (another schema or options) encodes it itself.
    expect(codec('User').encode(frozen)).not.toBe(first);
  });

  it('is not kept for a message that can still change: its change is encoded', () => {
    const users = codec('User');
    const open = user() as { userName: string };
    const before = users.encode(open);
    expect(users.encode(open)).not.toBe(before);
    open.userName = 'grace';
    expect(users.decode(users.encode(open))).toMatchObject({ userName: 'grace' });
    // Frozen on top only (by someone else): what it holds may still change.
    const shallow = Object.freeze({ userName: 'ada', home: { zip: '75001' } });
    const once = users.encode(shallow);
    (shallow.home as { zip: string }).zip = '0150';
    expect(users.encode(shallow)).not.toBe(once);
    expect(users.decode(users.encode(shallow))).toMatchObject({ home: { zip: '0150' } });
  });

  it('is not kept for a type that can hold an Any (what the registry knows of Anys grows)', () => {
    const wkt = codec('Wkt');
    const frozen = deepFreeze({
      payload: { '@type': 'type.googleapis.com/gwb.codectest.Address', zip: '00118' },
    });
    const first = wkt.encode(frozen);
    expect(wkt.encode(frozen)).not.toBe(first);
    expect(Buffer.from(wkt.encode(frozen))).toEqual(Buffer.from(first));
  });
});
