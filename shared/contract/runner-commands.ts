// The collection runner (issue 15): runs the saved requests of a collection, folder or one request
// in order through the engine's one call path, with assertions, captured values and snapshots, and
// reports live progress. `gwb run` and the UI's runner panel both use it. Merged into `commands`
// and `events`.
//
// Flow: `runner.start` answers a runId at once; `runner.progress` events follow (run started,
// iteration started, request started / finished, run finished with the whole result);
// `runner.wait` answers the final result once the run is over; `runner.cancel` stops it (the call
// in flight is cancelled, the result says `cancelled`).

import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { pathSchema } from './inputs.js';
import { jsonValueSchema } from './json.js';
import { itemPathSchema } from './workspace-commands.js';
import { command } from './lazy-command.js';
import { lazySchema } from '../request/lazy-schema.js';

const ok = lazySchema(() => z.object({ ok: z.literal(true) }));
const runIdSchema = lazySchema(() => z.string().min(1).max(128));

const MAX_DATA_COLUMNS = 1000;
/** All rows' text together: a run holds its rows in memory for every iteration. */
const MAX_DATA_BYTES = 64 << 20;

function dataTextLength(rows: readonly Record<string, string>[]): number {
  let total = 0;
  for (const row of rows)
    for (const [name, value] of Object.entries(row)) total += name.length + value.length;
  return total;
}

/** One data row: its columns are variables over the environment's for one iteration. */
export const dataRowSchema = lazySchema(() =>
  z
    .record(z.string().min(1).max(200), z.string().max(1 << 20))
    .refine((row) => Object.keys(row).length <= MAX_DATA_COLUMNS, {
      message: `a data row has at most ${MAX_DATA_COLUMNS} columns`,
    }),
);

export const runnerStartInputSchema = lazySchema(() =>
  z
    .strictObject({
      /** `collection`, `collection/folder/…` or one request's path. */
      target: itemPathSchema,
      /** Whose variables are used; absent: the selected environment; null: none. */
      environment: z.string().min(1).max(120).nullable().optional(),
      /**
       * Which requests of the target run, matched against each request's path. With `*` or `?` it is
       * a glob over the whole path (`*` within one segment, `**` across segments); otherwise a
       * case-insensitive substring of the path.
       */
      filter: z.string().min(1).max(1024).optional(),
      /**
       * Exactly these requests of the target, in this order (e.g. a request and the ones it depends
       * on); each must be a request under the target. Not with `filter`.
       */
      paths: z.array(itemPathSchema).min(1).max(10_000).optional(),
      /** Stop at the first failed request (the rest are not run). */
      bail: z.boolean().default(false),
      /** How many times the requests run; default 1, or one per data row. */
      iterations: z.number().int().min(1).max(100_000).optional(),
      /** One iteration per row (iteration i uses row i modulo the rows when iterations is larger). */
      data: z
        .array(dataRowSchema)
        .max(100_000)
        .refine((rows) => dataTextLength(rows) <= MAX_DATA_BYTES, {
          message: `the data rows hold more than ${MAX_DATA_BYTES >> 20} MiB of text`,
        })
        .optional(),
      /**
       * Compare each request's call with its stored snapshot (`<workspace>/snapshots/<path>.ndjson`):
       * `compare` creates a missing one (reported as new), `update` rewrites them all.
       */
      snapshots: z.enum(['off', 'compare', 'update']).default('off'),
      /** Field paths the snapshot comparison leaves out (the recording diff's ignore paths). */
      snapshotIgnore: z.array(z.string().min(1).max(1024)).max(200).default([]),
      /** grpcurl call flags laid over every saved request (`-plaintext`, `-H`, `-max-time`, …). */
      callFlags: z
        .array(z.string().max(1 << 16))
        .max(1000)
        .default([]),
      /**
       * A CSV or JSON data file read by the engine as `gwb run --data` reads it (errors say
       * file:line), one iteration per row; a relative path is relative to the workspace folder.
       */
      dataFile: pathSchema.optional(),
    })
    .refine((input) => input.data === undefined || input.dataFile === undefined, {
      message: 'give the rows (data) or a data file (dataFile), not both',
      path: ['dataFile'],
    })
    .refine((input) => input.paths === undefined || input.filter === undefined, {
      message: 'give the request paths (paths) or a filter, not both',
      path: ['paths'],
    }),
);

export const assertionResultSchema = lazySchema(() =>
  z.object({
    /** The CEL expression as written. */
    expression: z.string(),
    passed: z.boolean(),
    /** Why it failed (with the values it saw), or the error evaluating it. */
    message: z.string().optional(),
    /** Where it is, e.g. `assertions[2]`, or `message 4` for an every-message assertion. */
    where: z.string().optional(),
  }),
);

export const snapshotResultSchema = lazySchema(() =>
  z.object({
    /**
     * new: there was none, it was written; updated: rewritten on request; skipped: not kept (the
     * request captures a secret, which its answer holds).
     */
    state: z.enum(['new', 'passed', 'failed', 'updated', 'skipped']),
    /** Relative to the workspace folder. */
    file: z.string(),
    /** The differences, as `gwb diff` prints them (failed only). */
    differences: z.string().optional(),
    /** Why it was skipped. */
    reason: z.string().optional(),
  }),
);

export const requestResultSchema = lazySchema(() =>
  z.object({
    path: z.string(),
    /** 1-based. */
    iteration: z.number().int(),
    /** The call ended OK (or was not made for a reason the assertions expect), every assertion and snapshot passed. */
    passed: z.boolean(),
    status: z
      .object({ code: z.number().int(), codeName: z.string(), message: z.string() })
      .optional(),
    durationMs: z.number(),
    /** A failure before or around the call: unknown variable, schema, connection, bad saved file. */
    error: z.string().optional(),
    /** The error's kind (`unavailable`: the server was never reached, …), when it has one. */
    errorCode: z.enum(ERROR_CODES).optional(),
    assertions: z.array(assertionResultSchema),
    /** Names of the variables this request captured (values stay in the run). */
    captured: z.array(z.string()),
    snapshot: snapshotResultSchema.optional(),
    /** The messages received (proto3 JSON, secrets masked), at most RESPONSES_KEPT of them. */
    responses: z.array(jsonValueSchema),
    /** How many messages were received in all. */
    received: z.number().int(),
  }),
);

export const runSummarySchema = lazySchema(() =>
  z.object({
    requests: z.number().int(),
    passed: z.number().int(),
    failed: z.number().int(),
    assertions: z.number().int(),
    assertionsPassed: z.number().int(),
    assertionsFailed: z.number().int(),
    snapshotsNew: z.number().int(),
    snapshotsFailed: z.number().int(),
    durationMs: z.number(),
  }),
);

export const runResultSchema = lazySchema(() =>
  z.object({
    runId: z.string(),
    target: z.string(),
    iterations: z.number().int(),
    /** The requests the run was to make: each iteration's requests, times the iterations. */
    planned: z.number().int(),
    results: z.array(requestResultSchema),
    summary: runSummarySchema,
    /** runner.cancel (or Ctrl-C) stopped it. */
    cancelled: z.boolean(),
    /** --bail stopped it after a failed request. */
    bailed: z.boolean(),
  }),
);

export const runnerProgressSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('started'),
      runId: z.string(),
      /** The request paths of one iteration, in run order. */
      paths: z.array(z.string()),
      iterations: z.number().int(),
    }),
    z.object({
      type: z.literal('iteration'),
      runId: z.string(),
      iteration: z.number().int(),
      /** The data row's variable names (values may be secrets of the user's). */
      variables: z.array(z.string()),
    }),
    z.object({
      type: z.literal('request-started'),
      runId: z.string(),
      iteration: z.number().int(),
      path: z.string(),
    }),
    /** The request's call has started: its events are the engine's call events for `callId`. */
    z.object({
      type: z.literal('call-started'),
      runId: z.string(),
      iteration: z.number().int(),
      path: z.string(),
      callId: z.string(),
    }),
    z.object({
      type: z.literal('request-finished'),
      runId: z.string(),
      result: requestResultSchema,
    }),
    z.object({ type: z.literal('finished'), runId: z.string(), result: runResultSchema }),
  ]),
);

export const runnerCommands = {
  'runner.start': command(() => ({
    input: runnerStartInputSchema,
    output: z.object({ runId: z.string() }),
  })),
  /** The final result, once the run is over (at once for a finished run the engine still keeps). */
  'runner.wait': command(() => ({
    input: z.strictObject({ runId: runIdSchema }),
    output: runResultSchema,
  })),
  'runner.cancel': command(() => ({ input: z.strictObject({ runId: runIdSchema }), output: ok })),
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const runnerEvents = {
  'runner.progress': runnerProgressSchema,
} as const satisfies Record<string, z.ZodType>;

export type RunnerStartInput = z.output<typeof runnerStartInputSchema>;
export type RequestResult = z.output<typeof requestResultSchema>;
export type AssertionResult = z.output<typeof assertionResultSchema>;
export type SnapshotResult = z.output<typeof snapshotResultSchema>;
export type RunResult = z.output<typeof runResultSchema>;
export type RunSummary = z.output<typeof runSummarySchema>;
export type RunnerProgress = z.output<typeof runnerProgressSchema>;
