// The request document: the one shape of a request. The tab's draft, the saved file (plus a
// version), the contract's call input, gwb's flags and grpcurl import/export are all this.
import { z } from 'zod';
import { boundedText } from './bounded-text.js';
import { JsonValueSchema } from '../json/json-value-schema.js';
import { ConnectionSchema } from './connection.js';
import { MetadataRowSchema } from './metadata.js';
import { AuthSchema } from './auth.js';
import { SchemaSourceSpecSchema } from './schema-source.js';
import { METHOD_PATH } from './method-path.js';
import { AssertionsSchema, CapturesSchema, SnapshotSettingSchema } from './checks.js';
import { lazySchema } from './lazy-schema.js';
import { LIMITS, TEXT } from './text-limits.js';

// Plain functions over the document live in zod-free modules (the renderer imports them).
export { METHOD_PATH, methodName, toMethodPath } from './method-path.js';
export { newRequest, firstMessage } from './new-request.js';

export const RequestOptionsSchema = lazySchema(() =>
  z.strictObject({
    /** Print fields with default values in responses (grpcurl -emit-defaults). */
    emitDefaults: z.boolean().optional(),
    /** Accept request fields the schema does not know (grpcurl -allow-unknown-fields). */
    allowUnknownFields: z.boolean().optional(),
  }),
);
export type RequestOptions = z.infer<typeof RequestOptionsSchema>;

export const RequestDocumentSchema = lazySchema(() =>
  z.strictObject({
    name: boundedText(TEXT.name),
    connection: ConnectionSchema,
    /** Where the schema comes from; absent: reflection on the connection. */
    schema: SchemaSourceSpecSchema.optional(),
    /** `/package.Service/Method`; empty in a tab where no method is picked yet. */
    method: z
      .string()
      .max(TEXT.method.max)
      .refine((m) => m === '' || METHOD_PATH.test(m), 'must look like /package.Service/Method'),
    /**
     * The messages to send, as proto3 JSON, in order: one for unary and server-streaming methods,
     * any number for client and bidi streams.
     */
    messages: z.array(JsonValueSchema).max(LIMITS.messages),
    metadata: z.array(MetadataRowSchema).max(LIMITS.metadataRows),
    /** How the call authenticates; absent: inherit from the request's folder (optional in format 2). */
    auth: AuthSchema.optional(),
    /** Milliseconds from the start of the call (grpcurl -max-time). */
    deadlineMs: z.number().int().positive().max(LIMITS.deadlineMs).optional(),
    options: RequestOptionsSchema,
    notes: boundedText(TEXT.notes),
    /** CEL expressions checked when the call ends (main/checks); absent in files that have none. */
    assertions: AssertionsSchema.optional(),
    /** Variables set from the call's result for the requests after it (`{{name}}`). */
    captures: CapturesSchema.optional(),
    /** Compared with its stored snapshot on every run (main/runner/snapshots.ts); absent: only with --snapshots. */
    snapshot: SnapshotSettingSchema.optional(),
  }),
);
export type RequestDocument = z.infer<typeof RequestDocumentSchema>;
