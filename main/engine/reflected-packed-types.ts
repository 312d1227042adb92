import type * as grpc from '@grpc/grpc-js';
import type { MetadataEntry } from '../../shared/calls/events.js';
import { createPackedTypeFinder, PACKED_TYPE_LOOKUP_MS } from '../codec/packed-types.js';
import { filesForSymbol } from '../reflection/symbol-lookup.js';
import type { LoadedSchema } from '../schema/index.js';

/**
 * A schema loaded by reflection looks up, through the same server's reflection, the types packed
 * in Anys that none of its files define, as grpcurl does: once per type name for the schema.
 */
export function lookUpPackedTypesByReflection(
  schema: LoadedSchema,
  /** The server's client at lookup time (the pool's; the call in progress keeps it open). */
  client: () => grpc.Client,
  opts: { metadata?: MetadataEntry[]; deadlineMs?: number },
): LoadedSchema {
  // Capped: gwb without -max-time loads with no deadline, and a lookup that never ends would keep
  // its reflection stream open (and the type "being asked") for the rest of the session.
  const lookup = {
    ...opts,
    deadlineMs: Math.min(opts.deadlineMs ?? Infinity, PACKED_TYPE_LOOKUP_MS),
  };
  schema.packedTypes = createPackedTypeFinder(schema.files, schema.registry, (name) =>
    filesForSymbol(client(), name, lookup),
  );
  return schema;
}
