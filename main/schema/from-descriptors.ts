import { create, createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { SchemaModel } from '../../shared/schema/model.js';
import { FILE_LIMITS, FileReadError, readFileBytes } from '../platform/safe-read.js';
import { collapseFiles } from './collapse.js';
import { SchemaError, errorText } from './errors.js';
import { buildSchemaModel } from './model.js';
import { orderFiles } from './file-order.js';
import type { PackedTypeFinder } from '../codec/packed-types.js';

export interface LoadedSchema {
  registry: FileRegistry;
  /** Every file, dependencies before the files that import them. */
  files: FileDescriptorProto[];
  model: SchemaModel;
  /** Loaded by reflection: looks up the types packed in Anys that the files lack (as grpcurl). */
  packedTypes?: PackedTypeFinder;
}

/** Any order, any mix of sources; earlier files win over later copies (see collapseFiles). */
export function schemaFromFileDescriptors(
  files: FileDescriptorProto[],
  sourceName: string,
): LoadedSchema {
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
    throw new SchemaError(
      'invalid_descriptor',
      `${sourceName}: not a FileDescriptorSet (${errorText(err)})`,
      {
        file: sourceName,
      },
    );
  }
  if (!files.length || files.some((f) => !f.name)) {
    throw new SchemaError(
      'invalid_descriptor',
      `${sourceName}: not a FileDescriptorSet (no named files in it)`,
      {
        file: sourceName,
      },
    );
  }
  return schemaFromFileDescriptors(files, sourceName);
}

export function loadDescriptorSetFile(path: string): LoadedSchema {
  let bytes: Uint8Array;
  try {
    // Never a FIFO, a device or gigabytes: see safe-read.ts.
    bytes = readFileBytes(path, { what: 'descriptor set', limit: FILE_LIMITS.descriptorSet });
  } catch (err) {
    throw new SchemaError(
      'io',
      `cannot read descriptor set ${path}: ${err instanceof FileReadError ? err.reason : errorText(err)}`,
      {
        file: path,
      },
    );
  }
  return loadDescriptorSet(bytes, path);
}
