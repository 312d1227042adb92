// A proto2 extension whose bytes do not read as it (a message sent as a varint): the decode fails
// as any malformed message does, a CodecError naming the type, not a bare RangeError from inside
// the walk that opens Anys in extensions (review31-a M-3).
import { createFileRegistry } from '@bufbuild/protobuf';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CodecError } from './codec-error.js';
import { createMessageCodec } from './message-codec.js';
import { compileDescriptorSet } from './protoc.testkit.js';
import { unknownAnyDir } from './unknown-any.testkit.js';

const codec = createMessageCodec(
  createFileRegistry(compileDescriptorSet(join(unknownAnyDir, 'extended.proto'), unknownAnyDir)),
  'gwb.exttest.Extensible',
);
const url = [...Buffer.from('type.googleapis.com/x.Y')];
/** payload (100): an Any of a type nobody knows. */
const unknownAny = [0xa2, 0x06, url.length + 2, 0x0a, url.length, ...url];
/** holder (102, a message) sent as a varint: bytes that do not read as the extension. */
const badHolder = [0xb0, 0x06, 0x05];

it.each([
  ['a malformed extension', badHolder],
  ['a malformed extension beside an unknown Any', [...unknownAny, ...badHolder]],
])('%s is a CodecError naming the type, as before', (_what, bytes) => {
  const decode = () => codec.decode(new Uint8Array(bytes));
  expect(decode).toThrow(CodecError);
  expect(decode).toThrow(/^invalid gwb\.exttest\.Extensible: cannot be shown as JSON: /);
});
