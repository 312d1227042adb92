// Capturing live traffic from the workbench (issue 17): a recording proxy (main/capture, the one
// `gwb proxy` runs) started and stopped from the Capture panel. Each call a client makes through
// it goes on to the target and becomes a recording in the recordings folder, under
// `captured/<capture>/`, so the recording commands (read, replay, diff, mock) take it by its id.
// Merged into `commands` and `events`.
//
// Flow: `capture.start` answers once the proxy listens; `capture.calls` events follow as calls
// start, move and end (counts of the running ones at most a few times a second); `capture.stop`
// ends it (open calls end as a server going away would end them). A capture also stops when the
// engine closes.

import { z } from 'zod';
import { connectionSchema, pathSchema } from './inputs.js';
import { command } from './lazy-command.js';
import { lazySchema } from '../request/lazy-schema.js';

const ok = lazySchema(() => z.object({ ok: z.literal(true) }));
const captureIdSchema = lazySchema(() => z.string().min(1).max(128));

export const capturedCallSchema = lazySchema(() =>
  z.object({
    /** The call's recording id (relative to the recordings folder): recording.read, replay, mock. */
    id: z.string(),
    method: z.string(),
    /** Milliseconds since the epoch. */
    startedAt: z.number(),
    /** Client messages and server messages so far. */
    sent: z.number().int(),
    received: z.number().int(),
    /** So far for a running call; the whole call once it ended. */
    durationMs: z.number(),
    /** Ended, and its recording closed (flushed). */
    done: z.boolean(),
    /** The final status, once it ended. */
    status: z
      .object({ code: z.number().int(), codeName: z.string(), message: z.string() })
      .optional(),
    /** Why its recording is missing or incomplete (the call itself went through), in words. */
    problem: z.string().optional(),
  }),
);

export const captureViewSchema = lazySchema(() =>
  z.object({
    captureId: z.string(),
    /** `127.0.0.1:PORT`: where clients connect instead of the target. */
    listen: z.string(),
    port: z.number().int(),
    /** The target's address as the connection names it. */
    target: z.string(),
    /**
     * The target connection as `capture.start` got it ({{variables}} unsubstituted, so no secret a
     * variable holds): where a captured call is replayed or opened as a request after a reload.
     */
    connection: connectionSchema,
    tls: z.boolean(),
    /** The folder its recordings go in, relative to the recordings folder (`captured/…`). */
    folder: z.string(),
    /** Where the messages are decoded from, or why they are kept as bytes only. */
    schema: z.string(),
    /** Said at start when reflection could not reach the target: calls fail until it is up. */
    warning: z.string().optional(),
    /** What the recordings leave out: credential headers' values are masked (forwarded unchanged). */
    redacted: z.string().optional(),
  }),
);

export const captureCommands = {
  /** Starts a recording proxy on 127.0.0.1 in front of the target. */
  'capture.start': command(() => ({
    input: z.strictObject({
      /** 0 picks a free port. */
      port: z.number().int().min(0).max(65535).default(0),
      /** The server the calls go to: a connection as a request's (variables, TLS files). */
      target: connectionSchema,
      /**
       * Serve TLS to clients with this certificate and key (PEM files; a relative path is
       * relative to the workspace folder); plaintext h2c without.
       */
      tls: z.strictObject({ certFile: pathSchema, keyFile: pathSchema }).optional(),
      /** A loaded schema to decode messages with; absent: reflection on the target. */
      schemaId: z.string().min(1).max(200).optional(),
    }),
    output: captureViewSchema,
  })),
  /** Stops a capture: no new calls, open ones end, every recording is closed. */
  'capture.stop': command(() => ({
    input: z.strictObject({ captureId: captureIdSchema }),
    output: ok,
  })),
  /** The running captures and their calls (newest first, the last 500 of each). */
  'capture.list': command(() => ({
    input: z.strictObject({}),
    output: z.object({
      captures: z.array(captureViewSchema.extend({ calls: z.array(capturedCallSchema) })),
    }),
  })),
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const captureEvents = {
  /**
   * Calls of a capture that started, moved (message counts) or ended since the last batch, each
   * as it is now (replace by id). Batched per capture, at most one every ~100 ms while calls run.
   */
  'capture.calls': lazySchema(() =>
    z.object({
      captureId: z.string(),
      calls: z.array(capturedCallSchema),
    }),
  ),
} as const satisfies Record<string, z.ZodType>;
