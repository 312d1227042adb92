import type { FileRegistry, Registry } from '@bufbuild/protobuf';
import { resourcePath } from '../resources.js';
import { loadProtoFiles } from '../schema/index.js';
import { fallbackRegistry, wellKnownTypesRegistry } from './fallback-registry.js';

let rpc: FileRegistry | undefined;

/**
 * google.rpc.Status and the standard error detail types, from the copies of googleapis'
 * google/rpc/*.proto shipped in resources/; parsed on first use (only errors with details need it).
 */
export function googleRpcRegistry(): FileRegistry {
  rpc ??= loadProtoFiles({
    files: ['google/rpc/status.proto', 'google/rpc/error_details.proto'],
    importPaths: [resourcePath('protos')],
  }).registry;
  return rpc;
}

/** What status details resolve against: the loaded schema first, then google.rpc, then the WKTs. */
export function statusDetailsRegistry(schema: Registry | undefined): Registry {
  const rest = [googleRpcRegistry(), wellKnownTypesRegistry()];
  return fallbackRegistry(...(schema ? [schema, ...rest] : rest));
}
