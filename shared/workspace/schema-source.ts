// workspace.json. Format 1 listed schema sources that v1 request files referenced by id; request
// files now hold their source inline (shared/request), and this list is read only to migrate them.
import { z } from 'zod';
import { MetadataRowSchema } from '../request/metadata.js';
import { SecuritySchema } from '../request/connection.js';
import { lazySchema } from '../request/lazy-schema.js';

const id = lazySchema(() => z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -'));

export const SchemaSourceSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z
      .object({
        id,
        kind: z.literal('protoFiles'),
        /** Proto files, relative to an import path or the workspace (or absolute). */
        files: z.array(z.string()).min(1),
        importPaths: z.array(z.string()),
      })
      .strict(),
    z.object({ id, kind: z.literal('descriptorSet'), path: z.string() }).strict(),
    z
      .object({
        id,
        kind: z.literal('reflection'),
        /** Empty: reflect on the address of the request being run. */
        address: z.string(),
        security: SecuritySchema.optional(),
        metadata: z.array(MetadataRowSchema).optional(),
      })
      .strict(),
  ]),
);
export type SchemaSource = z.infer<typeof SchemaSourceSchema>;

export const WORKSPACE_FORMAT_VERSION = 1;

export const WorkspaceFileSchema = lazySchema(() =>
  z
    .object({
      version: z.literal(WORKSPACE_FORMAT_VERSION),
      /** Random, stable: namespaces this workspace's secrets in a shared SecretStore. */
      id: z.string(),
      schemaSources: z.array(SchemaSourceSchema),
    })
    .strict(),
);
export type WorkspaceFile = z.infer<typeof WorkspaceFileSchema>;

/** A schema source before it has an id (Omit that keeps the union apart). */
export type SchemaSourceInput = SchemaSource extends infer S
  ? S extends SchemaSource
    ? Omit<S, 'id'> & { id?: string }
    : never
  : never;
