// `history/<time>-<id>.json`: one file per finished call, pruned oldest first.
import { z } from 'zod';
import { RequestDocumentSchema } from '../request/document.js';
import { JsonValueSchema } from '../json/json-value-schema.js';

/**
 * 2: the request is a request document (shared/request). (1 held a saved request of format 1;
 * such entries are migrated as they are read, see main/workspace/migrate.)
 */
export const HISTORY_FORMAT_VERSION = 2;

export const HistoryEntrySchema = z
  .object({
    version: z.literal(HISTORY_FORMAT_VERSION),
    id: z.string(),
    /** ISO time the call finished. */
    at: z.string(),
    /** The request as a template (variables not substituted), so no secret is stored. */
    request: RequestDocumentSchema,
    /** `collection/folder/name` when it was run from a saved request. */
    requestPath: z.string().optional(),
    environment: z.string().optional(),
    status: z.object({ code: z.number().int(), message: z.string() }).strict(),
    durationMs: z.number(),
    /** The call's event log (plain JSON, capped; secret values redacted). */
    events: z.array(JsonValueSchema),
    /** How many events were dropped by the cap. */
    droppedEvents: z.number().int().nonnegative(),
  })
  .strict();
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
