// A message type with no fields: @bufbuild/protobuf keeps every field of its bytes as an unknown
// field, byte for byte, and writes them back in the same order. Through it the Connect transports
// carry the bytes the engine's own codec made (main/codec) without re-encoding them, so a message
// goes out on gRPC-Web and Connect (binary) exactly as on gRPC, and comes back as the server sent it.
import {
  create,
  createFileRegistry,
  fromBinary,
  toBinary,
  type DescMessage,
  type DescMethod,
  type MessageShape,
} from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';

const RAW_FILE = create(FileDescriptorProtoSchema, {
  name: 'gwb/raw.proto',
  package: 'gwb.raw',
  syntax: 'proto3',
  messageType: [{ name: 'Raw' }],
});

export const RAW_MESSAGE: DescMessage = (() => {
  const found = createFileRegistry(RAW_FILE, () => undefined).getMessage('gwb.raw.Raw');
  if (!found) throw new Error('gwb.raw.Raw is missing from its own registry');
  return found;
})();

/** The method as the transport sees it: its name, kind and idempotency, its messages kept as bytes. */
export function rawMethodOf(method: DescMethod): DescMethod {
  return { ...method, input: RAW_MESSAGE, output: RAW_MESSAGE } as DescMethod;
}

/** The engine's encoded bytes as the message the transport serializes (back to the same bytes). */
/**
 * How a transport's messages meet the engine's bytes: binary codecs carry them as they are (the
 * fieldless message); the Connect JSON codec needs the real types (the schema's) to write JSON.
 */
export interface MessageBridge {
  /** The method the transport is given. */
  method: DescMethod;
  toMessage(bytes: Uint8Array): MessageShape<DescMessage>;
  toBytes(message: MessageShape<DescMessage>): Uint8Array;
}

export function messageBridge(method: DescMethod, binary: boolean): MessageBridge {
  if (!binary)
    return {
      method,
      toMessage: (bytes) => fromBinary(method.input, bytes),
      toBytes: (message) => toBinary(method.output, message),
    };
  return {
    method: rawMethodOf(method),
    toMessage: (bytes) => fromBinary(RAW_MESSAGE, bytes),
    toBytes: (message) => toBinary(RAW_MESSAGE, message),
  };
}
