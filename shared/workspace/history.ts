// `history/<first id>_<count>.jsonl`: a batch of finished calls, one entry a line (before: `<id>.json`, one each); pruned oldest first.
import { z } from 'zod';
import { RequestDocumentSchema } from '../request/document.js';
import { JsonValueSchema } from '../json/json-value-schema.js';
import { lazySchema } from '../request/lazy-schema.js';

/**
 * 2: the request is a request document (shared/request). (1 held a saved request of format 1;
 * such entries are migrated as they are read, see main/workspace/migrate.)
 */
export const HISTORY_FORMAT_VERSION = 2;

const count = lazySchema(() => z.number().int().nonnegative());

/** A run of a call's events that history did not keep (see HistoryEntry.gaps). */
export const HistoryGapSchema = lazySchema(() =>
  z.object({ at: count, events: count.min(1), sent: count, received: count }).strict(),
);
export type HistoryGap = z.infer<typeof HistoryGapSchema>;

export const HistoryEntrySchema = lazySchema(() =>
  z
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
      /** How many of the call's events are not kept (the cap, and a long call's window before it). */
      droppedEvents: z.number().int().nonnegative(),
      /**
       * Where events are missing, in order: `events[at]` is the first event kept after `events`
       * left-out ones, of which `sent` and `received` were messages (so the messages after a gap keep
       * their numbers). Only when some are missing; an entry without it and with droppedEvents > 0
       * predates it (its gap is in the middle, its message counts unknown).
       */
      gaps: z.array(HistoryGapSchema).optional(),
    })
    .strict(),
);
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
