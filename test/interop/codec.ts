// A test-only MessageCodec over protobufjs, so call tests do not depend on the engine's codec.
// Close to the proto3 JSON mapping for the interop types (camelCase names, bytes as base64,
// enums by name, int64 as strings); not a full implementation.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { JsonValue } from '../../shared/calls/events.js';
import type { MessageCodec } from '../../main/codec/types.js';

export const INTEROP_PROTO = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'interop.proto',
);

let root: protobuf.Root | undefined;

export function interopRoot(): protobuf.Root {
  root ??= protobuf.loadSync(INTEROP_PROTO);
  return root;
}

export function testCodec(typeName: string, from: protobuf.Root = interopRoot()): MessageCodec {
  const type = from.lookupType(typeName);
  return {
    typeName,
    encode(json: JsonValue): Uint8Array {
      const problem = type.verify(json as Record<string, unknown>);
      if (problem) throw new Error(`${typeName}: ${problem}`);
      return type.encode(type.fromObject(json as Record<string, unknown>)).finish();
    },
    decode(bytes: Uint8Array): JsonValue {
      return type.toObject(type.decode(bytes), {
        longs: String,
        enums: String,
        bytes: String,
      }) as JsonValue;
    },
  };
}
