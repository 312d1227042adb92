import { loadDescriptorSet, type LoadedSchema } from './from-descriptors.js';
import { loadProtoContents } from './load-proto-files.js';
import { mergeSchemas } from './merge.js';
import type { ProtoContents } from './source-contents.js';

/** A compiled FileDescriptorSet held in memory, with the path it was dropped as. */
export interface DescriptorSetContents {
  path: string;
  bytes: Uint8Array;
}

export interface SchemaContents {
  protos: ProtoContents[];
  descriptorSets: DescriptorSetContents[];
}

/**
 * One schema from files held in memory: the .proto files parsed together (imports among them),
 * each descriptor set read as from disk, and all of them merged (the .proto files first).
 */
export function loadSchemaContents(contents: SchemaContents): LoadedSchema {
  const parts: LoadedSchema[] = [];
  if (contents.protos.length) parts.push(loadProtoContents(contents.protos));
  for (const set of contents.descriptorSets) parts.push(loadDescriptorSet(set.bytes, set.path));
  if (parts.length === 1) return parts[0]!;
  return mergeSchemas(parts);
}
