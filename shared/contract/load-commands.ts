// Load runs in the workbench (issue 18 §2): the settings of `gwb load` for one request, live
// progress, and the reports saved beside the request to compare two runs. Merged into `commands`
// and `events`.
//
// Flow: `load.start` answers a loadId at once (the settings are checked first: a mistake is an
// `invalid_input` error whose details name the field); `load.progress` events follow, one snapshot
// per interval (about a second, never one per call), then one `finished` with the report and the
// file it was saved to, or one `failed`; `load.cancel` stops it (the calls in flight are cancelled
// and counted). `load.reports` lists a request's saved reports, `load.report` reads one.

import { z } from 'zod';
import { RequestDocumentSchema } from '../request/document.js';
import { pathSchema } from './inputs.js';
import { dataRowSchema } from './runner-commands.js';
import { itemPathSchema } from './workspace-commands.js';
import { command } from './lazy-command.js';
import { lazySchema } from '../request/lazy-schema.js';

const ok = lazySchema(() => z.object({ ok: z.literal(true) }));
const loadIdSchema = lazySchema(() => z.string().min(1).max(128));

/** The settings as the user writes them (`gwb load`'s flags); the engine parses the texts. */
export const loadSettingsSchema = lazySchema(() =>
  z.strictObject({
    /** Closed model: calls in flight; with rps: the most in flight. */
    concurrency: z.number().int().min(1).max(10_000).optional(),
    /** `500` calls a second, or a ramp `100:1000:30s`; absent: as fast as the calls end. */
    rps: z.string().max(100).optional(),
    /** `10s`, `500ms`, `2m`; absent with no total: 10 s. */
    duration: z.string().max(40).optional(),
    /** Counted calls in all (instead of a duration). */
    total: z.number().int().min(1).max(100_000_000).optional(),
    warmup: z.string().max(40).optional(),
    /** Channels (TCP connections). */
    connections: z.number().int().min(1).max(1000).optional(),
    /** Messages each client- or bidi-streaming call sends. */
    streamMessages: z.number().int().min(1).max(100_000).optional(),
    /** `p99 < 50ms`, `errors < 0.1%`, `rps > 1000`. */
    thresholds: z.array(z.string().max(200)).max(50).default([]),
    /** Worker threads (default min(cores, 4)). */
    workers: z.number().int().min(1).max(16).optional(),
  }),
);

export const loadStartInputSchema = lazySchema(() =>
  z
    .strictObject({
      /** The saved request; its report is saved beside it (under `load-reports/<path>/`). */
      path: itemPathSchema.optional(),
      /** The request as the tab has it (unsaved edits); absent: the saved one at `path`. */
      request: RequestDocumentSchema.optional(),
      /** Whose variables are used; absent: the selected environment; null: none. */
      environment: z.string().min(1).max(120).nullable().optional(),
      settings: loadSettingsSchema,
      /**
       * A CSV or JSON file of rows (`gwb load --data`, read as `gwb run --data` reads it; errors say
       * file:line): call k uses row k modulo their number, its columns as variables. A relative
       * path starts in the workspace folder.
       */
      dataFile: pathSchema.optional(),
      /** The rows themselves (gwb reads its --data file relative to where it runs). */
      data: z.array(dataRowSchema).min(1).max(100_000).optional(),
      /** A schema already loaded in this engine (gwb's, from its grpcurl flags); absent: the request's. */
      schemaId: z.string().min(1).max(128).optional(),
      /** Save the report beside the saved request (gwb load prints it instead). */
      saveReport: z.boolean().default(true),
    })
    .refine((input) => input.data === undefined || input.dataFile === undefined, {
      message: 'give the rows (data) or a data file (dataFile), not both',
      path: ['dataFile'],
    })
    .refine((input) => input.path !== undefined || input.request !== undefined, {
      message: 'give the saved request (path) or the request itself',
      path: ['path'],
    }),
);

const latencySchema = lazySchema(() =>
  z.object({
    p50: z.number(),
    p90: z.number(),
    p95: z.number(),
    p99: z.number(),
    p999: z.number(),
    max: z.number(),
    mean: z.number(),
  }),
);

const countsShape = () => ({
  sent: z.number().int(),
  ok: z.number().int(),
  errors: z.number().int(),
  messagesSent: z.number().int(),
  messagesReceived: z.number().int(),
  bytesSent: z.number().int(),
  bytesReceived: z.number().int(),
});

/** One interval of a running load: counts so far, this interval's rate and latencies (ms). */
export const loadSnapshotSchema = lazySchema(() =>
  z.object({
    elapsedMs: z.number(),
    ...countsShape(),
    rps: z.number(),
    latencyMs: latencySchema,
  }),
);

export const loadSummarySchema = lazySchema(() =>
  z.object({
    target: z.string(),
    method: z.string(),
    model: z.enum(['closed', 'open']),
    workers: z.number().int(),
    connections: z.number().int(),
    concurrency: z.number().int(),
    ...countsShape(),
    durationMs: z.number(),
    rps: z.number(),
    latencyMs: latencySchema,
    statuses: z.array(
      z.object({
        code: z.number().int(),
        codeName: z.string(),
        count: z.number().int(),
        sample: z.string(),
      }),
    ),
    thresholds: z.array(
      z.object({ threshold: z.string(), passed: z.boolean(), actual: z.number() }),
    ),
    interrupted: z.boolean(),
  }),
);

/** A saved report: 2-space JSON in this key order, so two runs diff line by line. */
export const loadReportFileSchema = lazySchema(() =>
  z.object({
    version: z.literal(1),
    /** The saved request it ran, when it was one. */
    request: z.string().optional(),
    settings: loadSettingsSchema,
    summary: loadSummarySchema,
    /** Latency histogram: calls whose latency is at most `upToMs` (and above the previous bucket). */
    histogram: z.array(z.object({ upToMs: z.number(), count: z.number().int() })),
    /** The live snapshots, one per interval. */
    timeline: z.array(loadSnapshotSchema),
  }),
);

export const loadProgressSchema = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('progress'), loadId: z.string(), snapshot: loadSnapshotSchema }),
    z.object({
      type: z.literal('finished'),
      loadId: z.string(),
      report: loadReportFileSchema,
      /** Its name among the request's reports (absent: not saved, the request is not a saved one). */
      name: z.string().optional(),
    }),
    z.object({ type: z.literal('failed'), loadId: z.string(), message: z.string() }),
  ]),
);

const reportNameSchema = lazySchema(() =>
  z.string().regex(/^[0-9A-Za-z._-]{1,100}$/, 'a report name as load.reports lists it'),
);

export const loadCommands = {
  /** Answers once the request is resolved (its mistakes answer it), the run goes on after. */
  'load.start': command(() => ({
    input: loadStartInputSchema,
    output: z.object({ loadId: z.string() }),
  })),
  'load.cancel': command(() => ({ input: z.strictObject({ loadId: loadIdSchema }), output: ok })),
  /** The request's saved reports, newest first. */
  'load.reports': command(() => ({
    input: z.strictObject({ path: itemPathSchema }),
    output: z.object({
      reports: z.array(
        z.object({ name: z.string(), file: z.string(), error: z.string().optional() }),
      ),
    }),
  })),
  'load.report': command(() => ({
    input: z.strictObject({ path: itemPathSchema, name: reportNameSchema }),
    output: loadReportFileSchema,
  })),
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const loadEvents = {
  'load.progress': loadProgressSchema,
} as const satisfies Record<string, z.ZodType>;

export type LoadSettingsInput = z.output<typeof loadSettingsSchema>;
export type LoadStartInput = z.output<typeof loadStartInputSchema>;
export type LoadSnapshot = z.output<typeof loadSnapshotSchema>;
export type LoadSummary = z.output<typeof loadSummarySchema>;
export type LoadReportFile = z.output<typeof loadReportFileSchema>;
export type LoadProgressEvent = z.output<typeof loadProgressSchema>;
export type LoadReportEntry = z.output<
  (typeof loadCommands)['load.reports']['output']
>['reports'][number];
