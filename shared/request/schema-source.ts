// Where a request's schema comes from. Absent on a request: reflection on its own connection.
import { z } from 'zod';
import { boundedText } from './bounded-text.js';
import { MetadataRowSchema } from './metadata.js';
import { lazySchema } from './lazy-schema.js';
import { LIMITS, TEXT } from './text-limits.js';

const fileSchema = lazySchema(() => boundedText(TEXT.filePath));

export const SchemaSourceSpecSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('reflection'),
      /** Sent with the reflection requests only (grpcurl -reflect-header). */
      metadata: z.array(MetadataRowSchema).max(LIMITS.metadataRows).optional(),
    }),
    z.strictObject({
      kind: z.literal('protoFiles'),
      /** Proto files, relative to an import path or the workspace (or absolute) — grpcurl -proto. */
      files: z.array(fileSchema).min(1, 'name at least one .proto file').max(LIMITS.protoFiles),
      /** grpcurl -import-path. */
      importPaths: z.array(fileSchema).max(LIMITS.importPaths),
    }),
    z.strictObject({
      kind: z.literal('descriptorSet'),
      /** Compiled FileDescriptorSet files — grpcurl -protoset. */
      files: z
        .array(fileSchema)
        .min(1, 'name at least one descriptor set')
        .max(LIMITS.descriptorSets),
    }),
  ]),
);
export type SchemaSourceSpec = z.infer<typeof SchemaSourceSpecSchema>;

export const REFLECTION: SchemaSourceSpec = { kind: 'reflection' };

/** A stable text for a source: two tabs with equal sources share one loaded schema. */
export function schemaSourceKey(source: SchemaSourceSpec | undefined, address: string): string {
  const s = source ?? REFLECTION;
  switch (s.kind) {
    case 'reflection':
      return JSON.stringify(['reflection', address, s.metadata ?? []]);
    case 'protoFiles':
      return JSON.stringify(['protoFiles', s.files, s.importPaths]);
    case 'descriptorSet':
      return JSON.stringify(['descriptorSet', s.files]);
  }
}
