import { DescriptorConverter } from './pbjs-to-descriptor.js';
import { schemaFromFileDescriptors, type LoadedSchema } from './from-descriptors.js';
import { wellKnownFile } from './wkt.js';
import { parseTree, type ParsedTree } from './parse-tree.js';
import { SchemaError } from './errors.js';
import { ContentsResolver, type ProtoContents } from './source-contents.js';

export interface LoadProtoFilesOptions {
  files: string[];
  importPaths?: string[];
}

/** Parses .proto files (and their imports) into descriptors; throws SchemaError. */
export function loadProtoFiles(opts: LoadProtoFilesOptions): LoadedSchema {
  if (!opts.files.length) throw new SchemaError('io', 'no proto files given');
  const tree = parseTree(opts.files, opts.importPaths ?? []);
  return schemaFromTree(tree, opts.files.join(', '));
}

/**
 * Parses .proto files held in memory (dropped on the window), each one an input, their imports
 * found among them (see ContentsResolver); the same parser, names and errors as loadProtoFiles,
 * with each file shown by the path it was dropped as.
 */
export function loadProtoContents(files: ProtoContents[]): LoadedSchema {
  if (!files.length) throw new SchemaError('io', 'no proto files given');
  const inputs = files.map((f) => f.path);
  const tree = parseTree(inputs, [], new ContentsResolver(files));
  return schemaFromTree(tree, inputs.join(', '));
}

function schemaFromTree(tree: ParsedTree, sourceName: string): LoadedSchema {
  const converted = new Map(
    new DescriptorConverter(tree.root, tree.files).convert().map((f) => [f.name, f]),
  );
  // Discovery order, so that dependency ordering comes out as protoc's (imports in declaration order).
  const all = tree.files.map((f) =>
    f.wellKnown ? wellKnownFile(f.name)!.proto : converted.get(f.name)!,
  );
  return schemaFromFileDescriptors(all, sourceName);
}
