import type * as grpc from '@grpc/grpc-js';
import path from 'node:path';
import type { SchemaSource } from '../../../shared/workspace/schema-source.js';
import type { MetadataEntry } from '../../../shared/calls/events.js';
import { fetchReflectionFiles } from '../../reflection/index.js';
import {
  loadDescriptorSetFile,
  loadProtoFiles,
  schemaFromFileDescriptors,
  type LoadedSchema,
} from '../../schema/index.js';

function inWorkspace(root: string, p: string): string {
  return path.isAbsolute(p) ? p : path.join(root, p);
}

export interface LoadSourceOptions {
  root: string;
  source: SchemaSource;
  /** The channel for reflection: the request's own, or one to the source's address. */
  reflectionClient: () => grpc.Client;
  reflectionMetadata: MetadataEntry[];
}

/**
 * A saved schema source as it loads from anywhere: relative paths are relative to the workspace
 * folder `root`, which is also the import path of proto files saved without one.
 */
export function withWorkspacePaths(root: string, source: SchemaSource): SchemaSource {
  switch (source.kind) {
    case 'protoFiles': {
      const importPaths = source.importPaths.map((p) => inWorkspace(root, p));
      // With import paths, files are named relative to them (as protoc and grpcurl do).
      if (importPaths.length > 0) return { ...source, importPaths };
      return {
        ...source,
        files: source.files.map((f) => inWorkspace(root, f)),
        importPaths: [root],
      };
    }
    case 'descriptorSet':
      return { ...source, path: inWorkspace(root, source.path) };
    case 'reflection':
      return source;
  }
}

/** Loads a saved schema source; relative paths are relative to the workspace folder. */
export async function loadSchemaSource(opts: LoadSourceOptions): Promise<LoadedSchema> {
  const source = withWorkspacePaths(opts.root, opts.source);
  switch (source.kind) {
    case 'protoFiles':
      return loadProtoFiles({ files: source.files, importPaths: source.importPaths });
    case 'descriptorSet':
      return loadDescriptorSetFile(source.path);
    case 'reflection': {
      const result = await fetchReflectionFiles(opts.reflectionClient(), {
        metadata: opts.reflectionMetadata,
        deadlineMs: 20_000,
      });
      return schemaFromFileDescriptors(result.files, 'server reflection');
    }
  }
}
