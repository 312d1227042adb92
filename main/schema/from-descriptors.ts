import { create, createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { readFileSync } from 'node:fs';
import {
  FileDescriptorSetSchema,
  type DescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import type { SchemaModel } from '../../shared/schema/model.js';
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
 * Puts files in dependency order (what createFileRegistry needs), keeps the first of two files with
 * one name, and fills in well-known files a source left out (descriptor sets built without
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

/** @bufbuild/protobuf lets the last definition of a name win silently; we refuse instead. */
function checkDuplicates(files: FileDescriptorProto[], sourceName: string): void {
  const owner = new Map<string, string>();
  const claim = (fullName: string, file: string): void => {
    const prev = owner.get(fullName);
    if (prev !== undefined && prev !== file) {
      throw new SchemaError('duplicate', `${sourceName}: ${fullName} is defined in both ${prev} and ${file}`, { file });
    }
    if (prev === undefined) owner.set(fullName, file);
  };
  for (const f of files) {
    const prefix = f.package ? f.package + '.' : '';
    const visitMessage = (m: DescriptorProto, scope: string): void => {
      const name = scope + m.name;
      claim(name, f.name);
      for (const n of m.nestedType) visitMessage(n, name + '.');
      for (const e of m.enumType) claim(name + '.' + e.name, f.name);
      for (const x of m.extension) claim(name + '.' + x.name, f.name);
    };
    for (const m of f.messageType) visitMessage(m, prefix);
    for (const e of f.enumType) claim(prefix + e.name, f.name);
    for (const s of f.service) claim(prefix + s.name, f.name);
    for (const x of f.extension) claim(prefix + x.name, f.name);
  }
}

export function schemaFromFileDescriptors(files: FileDescriptorProto[], sourceName: string): LoadedSchema {
  const ordered = orderFiles(files, sourceName);
  checkDuplicates(ordered, sourceName);
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
