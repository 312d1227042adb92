// The schema `list` and `describe` show: browsing needs the descriptors themselves (describe prints
// them as .proto text), so these load them here rather than through a call.
import type * as grpc from '@grpc/grpc-js';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { MetadataEntry } from '../../shared/calls/events.js';
import { fetchReflectionFiles } from '../../main/reflection/index.js';
import { filesForSymbol } from '../../main/reflection/symbol-lookup.js';
import { findSymbol } from './describe-text.js';
import {
  loadDescriptorSetFile,
  schemaFromFileDescriptors,
  type LoadedSchema,
} from '../../main/schema/from-descriptors.js';
import { mergeFileSets } from '../../main/schema/merge.js';
import type { GrpcurlFlags } from '../../shared/grpcurl/index.js';

/** What `list` prints: the server's list with reflection, the files' services otherwise. */
export interface ServiceList {
  services: string[];
}

export interface CliSchema extends ServiceList {
  schema: LoadedSchema;
  /** The same services in the source's own order (the server's, the files'): what `describe` walks. */
  listedOrder?: string[];
}

/**
 * Reads -proto and -protoset; done before connecting so a bad file is reported first. The .proto
 * parser (protobufjs) is loaded only when there are .proto files: reflection does not need it.
 */
export async function loadSchemaFiles(flags: GrpcurlFlags): Promise<FileDescriptorProto[]> {
  const files: FileDescriptorProto[] = [];
  if (flags.proto.length > 0) {
    const { loadProtoFiles } = await import('../../main/schema/load-proto-files.js');
    files.push(...loadProtoFiles({ files: flags.proto, importPaths: flags['import-path'] }).files);
  }
  for (const set of flags.protoset) files.push(...loadDescriptorSetFile(set).files);
  return files;
}

/** The schema from files alone: `list` prints the services they define. */
export function fileSchema(flags: GrpcurlFlags, files: FileDescriptorProto[]): CliSchema {
  const schema = schemaFromFileDescriptors(files, [...flags.proto, ...flags.protoset].join(', '));
  const listedOrder = schema.model.services.map((s) => s.fullName);
  return { schema, services: [...listedOrder].sort(), listedOrder };
}

export interface ReflectedSchemaOptions {
  client: grpc.Client;
  /** From -proto/-protoset, to fill in what the server does not describe. */
  files: FileDescriptorProto[];
  reflectMetadata: MetadataEntry[];
  /** What is left of -max-time, for the whole reflection exchange. */
  deadlineMs?: number;
  /** `describe SYMBOL`: its file asked of reflection by name (file_containing_symbol) first. */
  symbol?: string;
}

/**
 * What `list` prints when that is all it does (no SERVICE, no -protoset-out/-proto-out-dir): the
 * server's list of services, sorted. As grpcurl, nothing more is asked of reflection: no file is
 * fetched, decoded or built into a registry for names the server already gave.
 */
export async function reflectedServiceNames({
  client,
  reflectMetadata,
  deadlineMs,
}: Pick<ReflectedSchemaOptions, 'client' | 'reflectMetadata' | 'deadlineMs'>): Promise<string[]> {
  const reflected = await fetchReflectionFiles(client, {
    metadata: reflectMetadata,
    symbols: [],
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  });
  return [...reflected.services].sort();
}

export async function reflectedSchema({
  client,
  files,
  reflectMetadata,
  deadlineMs,
  symbol,
}: ReflectedSchemaOptions): Promise<CliSchema> {
  // `describe SYMBOL` prints that symbol only: as grpcurl, its file (and imports) is asked for by
  // name, not the service list and every listed service's files.
  if (symbol !== undefined) {
    const found = await filesForSymbol(client, symbol, {
      metadata: reflectMetadata,
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    });
    const schema =
      found.length > 0 ? mergeFileSets([found, files], 'server reflection') : undefined;
    if (schema && findSymbol(schema.registry, symbol)) return { schema, services: [] };
    // Not known by name (a field, say, on some servers): from every listed service, as before.
  }
  const reflected = await fetchReflectionFiles(client, {
    metadata: reflectMetadata,
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  });
  // Reflection first: where both define a file, the server's copy is what it actually serves; the
  // local files fill in what reflection does not have.
  const schema = mergeFileSets([reflected.files, files], 'server reflection');
  // What the server serves is what it says it serves: as grpcurl, a service only the files define
  // can be described by name but is not listed.
  const services = reflected.services;
  return { schema, services: [...services].sort(), listedOrder: [...services] };
}
