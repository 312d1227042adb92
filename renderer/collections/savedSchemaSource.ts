// Opening a saved request loads the schema it was saved with, unless the loaded one already has its
// method: a request saved from proto files or a descriptor set then works after a restart without
// the user finding those files again.
import type { Output } from '../../shared/contract/types.js';
import type { SchemaModel } from '../../shared/schema/model.js';
import type { SchemaSourceSettings } from '../store/connectionSlice.js';

type ReadRequest = Output<'request.read'>;

function hasMethod(schema: SchemaModel | null, path: string): boolean {
  return schema?.services.some((s) => s.methods.some((m) => m.path === path)) ?? false;
}

/**
 * The schema source settings to load for a request just read, or null when the loaded schema
 * serves it already. No saved source means reflection on the request's own address.
 */
export function sourceForSaved(
  read: ReadRequest,
  schema: SchemaModel | null,
): Partial<SchemaSourceSettings> | null {
  if (hasMethod(schema, read.request.method)) return null;
  const source = read.schemaSource;
  switch (source?.kind) {
    case 'protoFiles':
      return {
        kind: 'protoFiles',
        protoFiles: source.files.join('\n'),
        importPaths: source.importPaths.join('\n'),
      };
    case 'descriptorSet':
      return { kind: 'descriptorSet', descriptorSet: source.path };
    case 'reflection':
      return {
        kind: 'reflection',
        reflectionMetadata: (source.metadata ?? []).map((r) => ({
          key: r.key,
          value: r.value,
          enabled: r.enabled !== false,
        })),
      };
    case undefined:
      return { kind: 'reflection' };
  }
}
