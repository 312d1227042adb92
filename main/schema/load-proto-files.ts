import { DescriptorConverter } from './pbjs-to-descriptor.js';
import { schemaFromFileDescriptors, type LoadedSchema } from './from-descriptors.js';
import { wellKnownFile } from './wkt.js';
import { parseTree } from './parse-tree.js';
import { SchemaError } from './errors.js';

export interface LoadProtoFilesOptions {
  files: string[];
  importPaths?: string[];
}

/** Parses .proto files (and their imports) into descriptors; throws SchemaError. */
export function loadProtoFiles(opts: LoadProtoFilesOptions): LoadedSchema {
  if (!opts.files.length) throw new SchemaError('io', 'no proto files given');
  const tree = parseTree(opts.files, opts.importPaths ?? []);
  const converted = new Map(
    new DescriptorConverter(tree.root, tree.files).convert().map((f) => [f.name, f]),
  );
  // Discovery order, so that dependency ordering comes out as protoc's (imports in declaration order).
  const all = tree.files.map((f) =>
    f.wellKnown ? wellKnownFile(f.name)!.proto : converted.get(f.name)!,
  );
  return schemaFromFileDescriptors(all, opts.files.join(', '));
}
