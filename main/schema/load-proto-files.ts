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
  const converted = new DescriptorConverter(tree.root, tree.files).convert();
  const wellKnown = tree.files.filter((f) => f.wellKnown).map((f) => wellKnownFile(f.name)!.proto);
  return schemaFromFileDescriptors([...wellKnown, ...converted], opts.files.join(', '));
}
