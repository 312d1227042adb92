import { create, createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { readFileSync } from 'node:fs';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { SchemaModel } from '../../shared/schema/model.js';
import { collapseFiles } from './collapse.js';
import { SchemaError, errorText } from './errors.js';
import { buildSchemaModel } from './model.js';
import { wellKnownFile } from './wkt.js';

export interface LoadedSchema {
  registry: FileRegistry;
  /** Every file, dependencies before the files that import them. */
  files: FileDescriptorProto[];
  model: SchemaModel;
}

/**
 * Puts files in dependency order (what createFileRegistry needs) and fills in well-known files a source left out (descriptor sets built without
 * --include_imports, terse reflection servers).
 */
function orderFiles(files: FileDescriptorProto[], sourceName: string): FileDescriptorProto[] {
  const byName = new Map<string, FileDescriptorProto>();
  for (const f of files) if (!byName.has(f.name)) byName.set(f.name, f);
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: FileDescriptorProto[] = [];
  const visit = (file: FileDescriptorProto): void => {
    if (done.has(file.name) || visiting.has(file.name)) return; // a cycle is left for the registry to report
    visiting.add(file.name);
    for (const dep of file.dependency) {
      const found = byName.get(dep) ?? wellKnownFile(dep)?.proto;
      if (!found) {
        throw new SchemaError(
          'invalid_descriptor',
          `${sourceName}: ${file.name} imports ${dep}, which is not in the descriptor set`,
          { file: file.name },
        );
      }
      byName.set(dep, found);
      visit(found);
    }
    visiting.delete(file.name);
    done.add(file.name);
    out.push(file);
  };
  for (const f of byName.values()) visit(f);
  return out;
}

/** Any order, any mix of sources; earlier files win over later copies (see collapseFiles). */
export function schemaFromFileDescriptors(files: FileDescriptorProto[], sourceName: string): LoadedSchema {
  const ordered = orderFiles(collapseFiles(files), sourceName);
  let registry: FileRegistry;
  try {
    registry = createFileRegistry(create(FileDescriptorSetSchema, { file: ordered }));
  } catch (err) {
    throw new SchemaError('invalid_descriptor', `${sourceName}: ${errorText(err)}`);
  }
  return { registry, files: ordered, model: buildSchemaModel(registry) };
}

export function loadDescriptorSet(bytes: Uint8Array, sourceName: string): LoadedSchema {
  let files: FileDescriptorProto[];
  try {
    files = fromBinary(FileDescriptorSetSchema, bytes).file;
  } catch (err) {
    throw new SchemaError('invalid_descriptor', `${sourceName}: not a FileDescriptorSet (${errorText(err)})`, {
      file: sourceName,
    });
  }
  if (!files.length || files.some((f) => !f.name)) {
    throw new SchemaError('invalid_descriptor', `${sourceName}: not a FileDescriptorSet (no named files in it)`, {
      file: sourceName,
    });
  }
  return schemaFromFileDescriptors(files, sourceName);
}

export function loadDescriptorSetFile(path: string): LoadedSchema {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SchemaError('io', `cannot read descriptor set ${path}: ${code === 'ENOENT' ? 'file not found' : errorText(err)}`, {
      file: path,
    });
  }
  return loadDescriptorSet(bytes, path);
}
