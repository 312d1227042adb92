import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { schemaFromFileDescriptors, type LoadedSchema } from './from-descriptors.js';

/**
 * Combines schemas, earlier ones winning (see collapseFiles for what "winning" means): e.g.
 * reflection first, then local files for what the server does not describe.
 */
export function mergeSchemas(schemas: LoadedSchema[]): LoadedSchema {
  return mergeFileSets(schemas.map((s) => s.files));
}

/**
 * The same over raw file lists that need not be complete on their own: reflection answers that
 * lack a dependency are completed by the local .proto files.
 */
export function mergeFileSets(
  sets: FileDescriptorProto[][],
  sourceName = 'merged schema',
): LoadedSchema {
  return schemaFromFileDescriptors(sets.flat(), sourceName);
}
