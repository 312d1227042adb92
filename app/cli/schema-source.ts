import type * as grpc from '@grpc/grpc-js';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { MetadataEntry } from '../../shared/calls/events.js';
import { fetchReflectionFiles } from '../../main/reflection/index.js';
import {
  loadDescriptorSetFile,
  loadProtoFiles,
  mergeFileSets,
  schemaFromFileDescriptors,
  type LoadedSchema,
} from '../../main/schema/index.js';
import type { CliFlags } from './flags.js';

export interface CliSchema {
  schema: LoadedSchema;
  /** What `list` prints: the server's list with reflection, the files' services otherwise. */
  services: string[];
}

export function hasSchemaFiles(flags: CliFlags): boolean {
  return flags.protos.length > 0 || flags.protosets.length > 0;
}

/** grpcurl: reflection unless files are given, or when asked for explicitly. */
export function usesReflection(flags: CliFlags): boolean {
  return flags.useReflection ?? !hasSchemaFiles(flags);
}

/** What the schema came from, in words (kept in recordings). */
export function schemaSourceName(flags: CliFlags): string {
  const files = [...flags.protos, ...flags.protosets];
  if (!usesReflection(flags)) return files.join(', ');
  return files.length > 0 ? `server reflection and ${files.join(', ')}` : 'server reflection';
}

/** Reads -proto and -protoset; done before connecting so a bad file is reported first. */
export function loadSchemaFiles(flags: CliFlags): FileDescriptorProto[] {
  const files: FileDescriptorProto[] = [];
  if (flags.protos.length > 0) {
    files.push(...loadProtoFiles({ files: flags.protos, importPaths: flags.importPaths }).files);
  }
  for (const set of flags.protosets) files.push(...loadDescriptorSetFile(set).files);
  return files;
}

/** The schema from files alone: `list` prints the services they define. */
export function fileSchema(flags: CliFlags, files: FileDescriptorProto[]): CliSchema {
  const schema = schemaFromFileDescriptors(files, flags.protos.concat(flags.protosets).join(', '));
  return { schema, services: schema.model.services.map((s) => s.fullName).sort() };
}

export interface ReflectedSchemaOptions {
  client: grpc.Client;
  /** From -proto/-protoset, to fill in what the server does not describe. */
  files: FileDescriptorProto[];
  reflectMetadata: MetadataEntry[];
  /** What is left of -max-time, for the whole reflection exchange. */
  deadlineMs?: number;
}

export async function reflectedSchema({
  client,
  files,
  reflectMetadata,
  deadlineMs,
}: ReflectedSchemaOptions): Promise<CliSchema> {
  const reflected = await fetchReflectionFiles(client, {
    metadata: reflectMetadata,
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  });
  // Reflection first: where both define a file, the server's copy is what it actually serves; the
  // local files fill in what reflection does not have.
  const schema = mergeFileSets([reflected.files, files], 'server reflection');
  const services = new Set(reflected.services);
  if (files.length > 0) for (const s of schema.model.services) services.add(s.fullName);
  return { schema, services: [...services].sort() };
}
