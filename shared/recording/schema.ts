// zod schemas of one recording line. The header is always checked in full; event lines are checked
// by the reader too, but message payloads are only required to be JSON (they were decoded by a codec
// when recorded, and the raw bytes are the source of truth).

import { z } from 'zod';
import { STATUS_CODE_NAMES } from '../calls/events.js';
import { RECORDING_FORMAT, type RecordingEvent, type RecordingHeader } from './types.js';

const metadataEntry = z.object({ key: z.string(), value: z.string() });
const callKind = z.enum(['unary', 'server_stream', 'client_stream', 'bidi_stream']);
const direction = z.enum(['client', 'server', 'local']);
// Payloads came out of JSON.parse, so they are JSON already; only their presence is checked.
const json = z.custom<import('../calls/events.js').JsonValue>(
  (v) => v !== undefined,
  'expected a JSON value',
);

export const recordingHeaderSchema = z.object({
  format: z.literal(RECORDING_FORMAT),
  version: z.number().int().positive(),
  method: z.string().regex(/^\/[^/]+\/[^/]+$/, "expected '/package.Service/Method'"),
  kind: callKind,
  requestType: z.string().min(1),
  responseType: z.string().min(1),
  target: z.string(),
  startedAt: z.number(),
  metadata: z.array(metadataEntry),
  deadlineMs: z.number().nonnegative().optional(),
  files: z.array(z.string()),
  schemaSource: z.string().optional(),
  replayOf: z.string().optional(),
  secrets: z.array(z.string()).optional(),
}) satisfies z.ZodType<RecordingHeader>;

const base = { seq: z.number().int().nonnegative(), t: z.number(), dir: direction };
const payload = {
  message: json,
  size: z.number().int().nonnegative(),
  raw: z.string().optional(),
  decodeError: z.string().optional(),
  rawDropped: z.literal('secret').optional(),
};
const statusDetail = z.object({ type: z.string(), value: json, raw: z.string() });
const status = z.object({
  code: z.number().int(),
  codeName: z.enum(STATUS_CODE_NAMES as [string, ...string[]]),
  message: z.string(),
  details: z.array(statusDetail),
  rawCode: z.string().optional(),
});

export const recordingEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('started'),
    at: z.number(),
    method: z.string(),
    kind: callKind,
    target: z.string(),
    metadata: z.array(metadataEntry),
    deadlineMs: z.number().optional(),
  }),
  z.object({ ...base, type: z.literal('headers'), metadata: z.array(metadataEntry) }),
  z.object({ ...base, type: z.literal('sent'), ...payload }),
  z.object({ ...base, type: z.literal('half_closed') }),
  z.object({ ...base, type: z.literal('received'), ...payload }),
  z.object({ ...base, type: z.literal('trailers'), metadata: z.array(metadataEntry) }),
  z.object({ ...base, type: z.literal('status'), status }),
  z.object({ ...base, type: z.literal('ended'), durationMs: z.number() }),
]);

/** Checks a parsed event line; the cast is safe because the schema mirrors CallEvent + dir. */
export function parseRecordingEvent(
  value: unknown,
): { ok: true; event: RecordingEvent } | { ok: false; error: string } {
  const result = recordingEventSchema.safeParse(value);
  if (result.success) return { ok: true, event: result.data as RecordingEvent };
  return { ok: false, error: zodProblem(result.error) };
}

export function parseRecordingHeader(
  value: unknown,
): { ok: true; header: RecordingHeader } | { ok: false; error: string } {
  const result = recordingHeaderSchema.safeParse(value);
  if (result.success) return { ok: true, header: result.data as RecordingHeader };
  return { ok: false, error: zodProblem(result.error) };
}

/** The first issue as "field.path: reason". */
function zodProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return path ? `${path}: ${issue.message}` : issue.message;
}
