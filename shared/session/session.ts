// The workbench session: the open tabs (each a request document with its own connection and
// schema source), which one is active, and each tab's last answer. Stored by the engine in the
// data directory so a page reload, a `gwb serve` restart or an app restart brings it all back.
import { z } from 'zod';
import { RequestDocumentSchema } from '../request/document.js';
import { lazySchema } from '../request/lazy-schema.js';

export const SESSION_FORMAT_VERSION = 1;

const tabIdSchema = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : -'),
);

/** What the response pane showed last, so a restored tab is not blank. */
export const ResponseSummarySchema = lazySchema(() =>
  z.strictObject({
    /** gRPC status code and its name (`OK`, `NOT_FOUND`, …) and message. */
    code: z.number().int(),
    codeName: z.string().max(64),
    message: z.string().max(64 * 1024),
    durationMs: z.number().nonnegative(),
    /** Messages received. */
    received: z.number().int().nonnegative(),
    /** Milliseconds since the epoch when the call ended. */
    endedAt: z.number(),
  }),
);
export type ResponseSummary = z.infer<typeof ResponseSummarySchema>;

export const SessionTabSchema = lazySchema(() =>
  z.strictObject({
    id: tabIdSchema,
    /** The request as edited: the draft. */
    draft: RequestDocumentSchema,
    /**
     * The message editors' texts, one per message, kept even when they do not parse yet (the draft's
     * messages hold the last text that did).
     */
    texts: z.array(z.string().max(64 << 20)).max(100_000),
    /** The saved request this tab is (`collection/folder/name`), and the document as saved. */
    savedPath: z.string().max(1024).nullable(),
    saved: RequestDocumentSchema.nullable(),
    editor: z.enum(['form', 'json']),
    /** The tab's "Record" choice; absent: the default for the method's kind. */
    record: z.boolean().optional(),
    /** A call of this tab that may still be running in the engine (re-attached after a reload). */
    callId: z.string().max(128).nullable(),
    lastResponse: ResponseSummarySchema.nullable(),
  }),
);
export type SessionTab = z.infer<typeof SessionTabSchema>;

export const SessionSchema = lazySchema(() =>
  z.strictObject({
    version: z.literal(SESSION_FORMAT_VERSION),
    tabs: z.array(SessionTabSchema).max(500),
    activeTabId: tabIdSchema.nullable(),
  }),
);
export type Session = z.infer<typeof SessionSchema>;
