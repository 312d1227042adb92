import { createFileRegistry, fromBinary, type DescFile, type FileRegistry, type Registry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, file_google_protobuf_any, file_google_protobuf_duration } from '@bufbuild/protobuf/wkt';
import { fallbackRegistry, wellKnownTypesRegistry } from './fallback-registry.js';
import { GOOGLE_RPC_DESCRIPTOR_SET_BASE64 } from './rpc-descriptors.embedded.js';

let rpc: FileRegistry | undefined;

/** google.rpc.Status and the standard error detail types (google/rpc/error_details.proto), built once. */
export function googleRpcRegistry(): FileRegistry {
  if (rpc) return rpc;
  const set = fromBinary(FileDescriptorSetSchema, Buffer.from(GOOGLE_RPC_DESCRIPTOR_SET_BASE64, 'base64'));
  const wkt: Record<string, DescFile> = {
    'google/protobuf/any.proto': file_google_protobuf_any,
    'google/protobuf/duration.proto': file_google_protobuf_duration,
  };
  const registries = set.file.map((file) => createFileRegistry(file, (name) => wkt[name]));
  rpc = createFileRegistry(...registries);
  return rpc;
}

/** What status details resolve against: the loaded schema first, then google.rpc, then the WKTs. */
export function statusDetailsRegistry(schema: Registry | undefined): Registry {
  const rest = [googleRpcRegistry(), wellKnownTypesRegistry()];
  return fallbackRegistry(...(schema ? [schema, ...rest] : rest));
}
