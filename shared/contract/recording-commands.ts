// The recording commands (issue 6): list, read (paged), export, import, delete, replay, diff, and
// serving recordings as a mock server. Merged into `commands`. A recording id is its path relative
// to the recordings folder (`#N` after it for one recording of a file of several); every segment
// is checked here so nothing a client sends can climb out of it (`..`, absolute paths, backslashes,
// NUL).

import { z } from 'zod';
import { callEventSchema } from './model.js';
import { jsonValueSchema } from './json.js';
import { connectionSchema } from './inputs.js';
import { MetadataRowSchema } from '../request/metadata.js';
import { MAX_SPEED, MIN_SPEED } from '../recording/speed.js';
import { command } from './lazy-command.js';
import { lazySchema } from '../request/lazy-schema.js';
import { packedRecordingId } from '../recording/recording-id.js';

const ok = lazySchema(() => z.object({ ok: z.literal(true) }));

/**
 * `example.LogService/Tail/2026-11-24T21-58-00-123Z.ndjson`, relative to the recordings folder, or
 * `captured/20261206T080000.123-4242.1-1.recordings#2` (see packedRecordingId).
 */
export const recordingIdSchema = lazySchema(() =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(1024, 'longer than 1024 characters')
    .superRefine((value, ctx) => {
      const bad = (message: string) =>
        ctx.addIssue({ code: 'custom', message: `"${value}" ${message}` });
      if (value.startsWith('/'))
        return bad('must be relative to the recordings folder (no leading /)');
      const packed = packedRecordingId(value);
      if (packed === undefined && !value.endsWith('.ndjson'))
        return bad('must name an .ndjson recording or FILE.recordings#N (N from 1)');
      for (const segment of (packed?.file ?? value).split('/')) {
        if (segment === '' || segment === '.' || segment === '..')
          return bad('must not contain empty, . or .. segments');
        if (!/^[A-Za-z0-9_.+=@-]+$/.test(segment))
          return bad('may only contain letters, digits, / and _ . + = @ -');
      }
    }),
);

const methodFilterSchema = lazySchema(() => z.string().min(1).max(1024));
/** Bounded: a speed near zero made the player's wait Infinity and its loop spin forever. */
const speedSchema = lazySchema(() =>
  z.union([
    z
      .number()
      .min(MIN_SPEED, `speed must be at least ${MIN_SPEED} (1 = as recorded)`)
      .max(MAX_SPEED, `speed must be at most ${MAX_SPEED} (or max)`),
    z.literal('max'),
  ]),
);
const ignoreSchema = lazySchema(() => z.array(z.string().min(1).max(1024)).max(200).default([]));

export const recordingSummarySchema = lazySchema(() =>
  z.object({
    id: z.string(),
    method: z.string(),
    kind: z.enum(['unary', 'server_stream', 'client_stream', 'bidi_stream']),
    target: z.string(),
    /** Milliseconds since the epoch. */
    startedAt: z.number(),
    /** Event lines, client messages, server messages. */
    events: z.number().int(),
    sent: z.number().int(),
    received: z.number().int(),
    durationMs: z.number(),
    sizeBytes: z.number().int(),
    /** The recorded call's final status code name, when it got that far. */
    status: z.string().optional(),
    complete: z.boolean(),
    /** Id of the recording this one replayed, when it is a replay. */
    replayOf: z.string().optional(),
  }),
);

const fieldDifferenceSchema = lazySchema(() =>
  z.object({
    path: z.string(),
    a: jsonValueSchema.optional(),
    b: jsonValueSchema.optional(),
  }),
);
const countsSchema = lazySchema(() =>
  z.object({
    matching: z.number().int(),
    differing: z.number().int(),
    missing: z.number().int(),
    extra: z.number().int(),
  }),
);

export const diffSummarySchema = lazySchema(() =>
  z.object({
    method: z.string(),
    client: countsSchema,
    server: countsSchema,
    headers: z.array(fieldDifferenceSchema),
    trailers: z.array(fieldDifferenceSchema),
    status: z.array(fieldDifferenceSchema),
    /**
     * A page of the differing messages (client side first, then server; see `messagesFrom`), each
     * with the paths that differ and both messages, to show side by side.
     */
    messages: z.array(
      z.object({
        side: z.enum(['client', 'server']),
        index: z.number().int(),
        kind: z.enum(['differs', 'missing', 'extra']),
        fields: z.array(fieldDifferenceSchema),
        /** The message in the first recording; absent when it is missing there. */
        a: jsonValueSchema.optional(),
        b: jsonValueSchema.optional(),
        /** Set instead of a and b when a message is too big to send to the window (bytes of JSON). */
        tooLarge: z.number().int().optional(),
      }),
    ),
    /** 0-based number of the first difference in `messages`. */
    messagesFrom: z.number().int().nonnegative(),
    /** Differing, missing and extra messages in all, both sides. */
    messagesTotal: z.number().int().nonnegative(),
    identical: z.boolean(),
    /** Ignore paths given that matched no field of either recording (a typo ignores nothing). */
    unmatchedIgnore: z.array(z.string()).optional(),
    /** The same summary as `gwb replay` prints it. */
    text: z.string(),
  }),
);

const mockSchema = lazySchema(() =>
  z.object({
    mockId: z.string(),
    port: z.number().int(),
    methods: z.array(z.string()),
    recordings: z.array(z.string()),
    /**
     * Recordings (by id) made with secrets: their values were masked, so the mock answers
     * `[secret:NAME]` where the server had sent them (it cannot reproduce them).
     */
    masked: z.array(z.object({ recording: z.string(), secrets: z.array(z.string()) })).optional(),
  }),
);

export const recordingCommands = {
  'recording.list': command(() => ({
    input: z.strictObject({ method: methodFilterSchema.optional() }),
    output: z.object({
      dir: z.string(),
      recordings: z.array(recordingSummarySchema),
      /** Files that are not readable recordings, with why. */
      errors: z.array(z.object({ id: z.string(), error: z.string() })),
    }),
  })),
  /** A page of events through the recording's index: a 1M-event file is never read whole. */
  'recording.read': command(() => ({
    input: z.strictObject({
      id: recordingIdSchema,
      fromSeq: z.number().int().nonnegative().optional(),
      /** ms from the start of the call; used when fromSeq is absent. */
      fromT: z.number().nonnegative().optional(),
      limit: z.number().int().positive().max(10_000).default(1000),
    }),
    output: z.object({
      recording: recordingSummarySchema,
      events: z.array(callEventSchema),
      /** Seq to ask from next; null at the end. */
      nextSeq: z.number().int().nullable(),
      /** Client and server messages before the page's first event: its messages' numbers follow. */
      before: z.object({ sent: z.number().int(), received: z.number().int() }),
    }),
  })),
  /**
   * Finds text in a whole recording (streamed in the engine, never loaded): message JSON keys and
   * values, metadata keys and values, status code, message and details. Counts every hit and
   * returns a page of them. A newer find in the same `group` stops this one (`cancelled`).
   */
  'recording.find': command(() => ({
    input: z.strictObject({
      id: recordingIdSchema,
      query: z.string().min(1, 'type something to find').max(500, 'longer than 500 characters'),
      /** Default false: case is ignored. */
      caseSensitive: z.boolean().default(false),
      /** Hits to pass over (all are counted): the page starts at hit `skip + 1`. */
      skip: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(1000).default(200),
      /** e.g. one viewer: a new find in the group stops the one still running there. */
      group: z.string().min(1).max(128).optional(),
    }),
    output: z.object({
      /** Events the query occurs in, in the whole recording. */
      total: z.number().int(),
      hits: z.array(
        z.object({
          /** The event's sequence number (its index in the recording). */
          seq: z.number().int(),
          dir: z.enum(['client', 'server', 'local']),
          type: z.string(),
          /** 1-based number among the messages of its direction. */
          message: z.number().int().optional(),
          /** Where the text occurs: `items[2].name`, `headers.x-trace`, `status.message`. */
          paths: z.array(z.string()),
        }),
      ),
      /** Event lines read (all of them unless cancelled). */
      events: z.number().int(),
      /** Stopped by a newer find in its group: the counts are partial. */
      cancelled: z.boolean(),
    }),
  })),
  'recording.export': command(() => ({
    input: z.strictObject({
      id: recordingIdSchema,
      format: z.enum(['ndjson', 'json']).default('ndjson'),
    }),
    output: z.object({ fileName: z.string(), text: z.string() }),
  })),
  'recording.import': command(() => ({
    input: z.strictObject({
      text: z
        .string()
        .min(1, 'the file is empty')
        .max(64 << 20, 'larger than 64 MiB: use `gwb` on the file'),
    }),
    output: z.object({ recording: recordingSummarySchema }),
  })),
  'recording.delete': command(() => ({
    input: z.strictObject({ id: recordingIdSchema }),
    output: ok,
  })),
  /** Sends the recording's client side again (a new recording) and diffs the two. */
  'recording.replay': command(() => ({
    input: z.strictObject({
      id: recordingIdSchema,
      /**
       * Where to send it. Absent: the recorded address in plaintext — the same default as
       * `gwb replay` (main/recording's replayConnection).
       */
      connection: connectionSchema.optional(),
      /** Sent instead of the recorded request metadata (a fresh token); absent: the recorded. */
      metadata: z.array(MetadataRowSchema).max(1000).optional(),
      /** 1 = the original timing, N = N times faster, 'max' = as fast as possible. */
      speed: speedSchema.default('max'),
      ignore: ignoreSchema,
    }),
    output: z.object({ recording: recordingSummarySchema, diff: diffSummarySchema }),
  })),
  'recording.diff': command(() => ({
    input: z.strictObject({
      a: recordingIdSchema,
      b: recordingIdSchema,
      ignore: ignoreSchema,
      /** The page of differing messages: the first one's 0-based number, and how many. */
      messagesFrom: z.number().int().nonnegative().default(0),
      messagesLimit: z.number().int().positive().max(100).default(20),
    }),
    output: z.object({ diff: diffSummarySchema }),
  })),
  /** Serves the server side of recordings (by id, or all of one method) on 127.0.0.1. */
  'mock.start': command(() => ({
    input: z.strictObject({
      recordingIds: z.array(recordingIdSchema).min(1).max(1000).optional(),
      method: methodFilterSchema.optional(),
      port: z.number().int().min(0).max(65535).default(0),
    }),
    output: mockSchema,
  })),
  'mock.stop': command(() => ({
    input: z.strictObject({ mockId: z.string().min(1).max(128) }),
    output: ok,
  })),
  'mock.list': command(() => ({
    input: z.strictObject({}),
    output: z.object({ mocks: z.array(mockSchema) }),
  })),
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/** One call a mock server answered: which recording served it and why (`gwb mock` prints the same). */
export const mockCallSchema = lazySchema(() =>
  z.object({
    /** Milliseconds since the epoch, when the mock chose the recording. */
    at: z.number(),
    method: z.string(),
    /** The recording's id (its path relative to the recordings folder). */
    recording: z.string(),
    /** True when the client's messages chose it; false when it is the method's default. */
    matched: z.boolean(),
    /** e.g. `first client message matched`, `only recording`, `default: no recording has …`. */
    why: z.string(),
  }),
);

/** Merged into `events`. */
export const recordingEvents = {
  /**
   * Calls a running mock answered, oldest first, batched (at most one event per mock per ~50 ms);
   * a batch keeps its last 200 calls and counts the older ones it left out in `dropped`.
   */
  'mock.calls': lazySchema(() =>
    z.object({
      mockId: z.string(),
      calls: z.array(mockCallSchema),
      dropped: z.number().int().nonnegative(),
    }),
  ),
} as const satisfies Record<string, z.ZodType>;
