// The saved-request file format (`*.grpc.json`). One file per request, written with the key order
// of these schemas so a re-save of an unchanged request is byte-identical (diff- and merge-friendly).
import { z } from 'zod';
import { JsonValueSchema } from './json-value.js';

export const REQUEST_FORMAT_VERSION = 1;
export const REQUEST_FILE_SUFFIX = '.grpc.json';

/** TLS material is referenced by FILE PATH (relative to the workspace or absolute), never inlined. */
export const SavedSecuritySchema = z.discriminatedUnion('kind', [
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
]);
export type SavedSecurity = z.infer<typeof SavedSecuritySchema>;

export const SavedConnectionSchema = z
  .object({
    /** host:port or a grpc-js target URI; may hold `{{variables}}`. */
    address: z.string(),
    security: SavedSecuritySchema,
    authority: z.string().optional(),
  })
  .strict();
export type SavedConnection = z.infer<typeof SavedConnectionSchema>;

export const SavedMetadataRowSchema = z
  .object({
    key: z.string(),
    value: z.string(),
    /** A disabled row is kept in the file but not sent. */
    enabled: z.boolean().optional(),
  })
  .strict();
export type SavedMetadataRow = z.infer<typeof SavedMetadataRowSchema>;

export const SavedRequestOptionsSchema = z
  .object({
    emitDefaults: z.boolean().optional(),
    allowUnknownFields: z.boolean().optional(),
  })
  .strict();
export type SavedRequestOptions = z.infer<typeof SavedRequestOptionsSchema>;

export const SavedRequestSchema = z
  .object({
    version: z.literal(REQUEST_FORMAT_VERSION),
    name: z.string().min(1),
    connection: SavedConnectionSchema,
    /** Id of a schema source in workspace.json; reflection on the request's address when absent. */
    schemaSource: z.string().optional(),
    /** `/package.Service/Method` */
    method: z.string().regex(/^\/[^/\s]+\/[^/\s]+$/, 'must look like /package.Service/Method'),
    /**
     * The request message as proto3 JSON. For client and bidi streams an array is the sequence of
     * messages to send (a request message is always an object, so this is unambiguous).
     */
    body: JsonValueSchema,
    metadata: z.array(SavedMetadataRowSchema),
    deadlineMs: z.number().int().positive().optional(),
    options: SavedRequestOptionsSchema,
    notes: z.string(),
  })
  .strict();
export type SavedRequest = z.infer<typeof SavedRequestSchema>;

/** What a caller supplies to save: everything but the version, with friendly defaults. */
export type SavedRequestInput = Omit<
  SavedRequest,
  'version' | 'metadata' | 'options' | 'notes' | 'body'
> &
  Partial<Pick<SavedRequest, 'metadata' | 'options' | 'notes' | 'body'>>;
