// Format 1 of the workspace files, kept here only to read old files: a request had one `body`
// (an array for the messages of a client or bidi stream) and named its schema source by an id
// listed in workspace.json. Format 2 (shared/request, shared/workspace) replaced it.
import { z } from 'zod';
import { lazySchema } from '../../../shared/request/lazy-schema.js';
import { JsonValueSchema } from '../../../shared/json/json-value-schema.js';
import { SchemaSourceSchema } from '../../../shared/workspace/schema-source.js';

const SecurityV1 = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('plaintext') }).strict(),
    z
      .object({
        kind: z.literal('tls'),
        caFile: z.string().optional(),
        certFile: z.string().optional(),
        keyFile: z.string().optional(),
        skipVerify: z.boolean().optional(),
        serverName: z.string().optional(),
      })
      .strict(),
  ]),
);

export const RequestV1Schema = lazySchema(() =>
  z
    .object({
      version: z.literal(1),
      name: z.string().min(1),
      connection: z
        .object({ address: z.string(), security: SecurityV1, authority: z.string().optional() })
        .strict(),
      /** Id of a schema source in workspace.json; reflection on the request's address when absent. */
      schemaSource: z.string().optional(),
      method: z.string().regex(/^\/[^/\s]+\/[^/\s]+$/, 'must look like /package.Service/Method'),
      body: JsonValueSchema,
      metadata: z.array(
        z.object({ key: z.string(), value: z.string(), enabled: z.boolean().optional() }).strict(),
      ),
      deadlineMs: z.number().int().positive().optional(),
      options: z
        .object({
          emitDefaults: z.boolean().optional(),
          allowUnknownFields: z.boolean().optional(),
        })
        .strict(),
      notes: z.string(),
    })
    .strict(),
);
export type RequestV1 = z.infer<typeof RequestV1Schema>;

export const HistoryEntryV1Schema = lazySchema(() =>
  z
    .object({
      version: z.literal(1),
      id: z.string(),
      at: z.string(),
      request: RequestV1Schema,
      requestPath: z.string().optional(),
      environment: z.string().optional(),
      status: z.object({ code: z.number().int(), message: z.string() }).strict(),
      durationMs: z.number(),
      events: z.array(JsonValueSchema),
      droppedEvents: z.number().int().nonnegative(),
    })
    .strict(),
);

export const CollectionExportV1Schema = lazySchema(() =>
  z
    .object({
      format: z.literal('gwb-collection'),
      version: z.literal(1),
      name: z.string(),
      schemaSources: z.array(SchemaSourceSchema),
      folders: z.array(z.string()),
      requests: z.array(z.object({ path: z.string(), request: RequestV1Schema }).strict()),
    })
    .strict(),
);
