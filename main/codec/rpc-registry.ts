import {
  createFileRegistry,
  fromBinary,
  type FileRegistry,
  type Registry,
} from '@bufbuild/protobuf';
import { base64Decode } from '@bufbuild/protobuf/wire';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { wellKnownFile } from '../schema/wkt.js';
import { fallbackRegistry, wellKnownTypesRegistry } from './fallback-registry.js';
import { GOOGLE_RPC_DESCRIPTOR_SET } from './google-rpc-descriptors.js';

let rpc: FileRegistry | undefined;

/**
 * google.rpc.Status and the standard error detail types: googleapis' google/rpc/*.proto (the
 * copies in resources/protos) compiled at build time (google-rpc-descriptors.ts), so decoding a
 * status never loads the .proto parser — every call's engine imports this module. Built on
 * first use (only errors with details need it).
 */
export function googleRpcRegistry(): FileRegistry {
  rpc ??= createFileRegistry(
    ...fromBinary(FileDescriptorSetSchema, base64Decode(GOOGLE_RPC_DESCRIPTOR_SET)).file.map(
      // The well-known files they import are @bufbuild/protobuf's, as in every loaded schema.
      (file) => createFileRegistry(file, wellKnownFile),
    ),
  );
  return rpc;
}

/** What status details resolve against: the loaded schema first, then google.rpc, then the WKTs. */
export function statusDetailsRegistry(schema: Registry | undefined): Registry {
  const rest = [googleRpcRegistry(), wellKnownTypesRegistry()];
  return fallbackRegistry(...(schema ? [schema, ...rest] : rest));
}
