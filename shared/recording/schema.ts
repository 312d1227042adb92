// zod schemas of one recording line. The header is always checked in full; event lines are checked
// by the reader too, with the call event declaration (shared/calls/event-schema.ts) plus `dir`, but
// message payloads are only required to be present (they came out of JSON.parse, were decoded by a
// codec when recorded, and the raw bytes are the source of truth).

import { z } from 'zod';
import type { JsonValue } from '../calls/events.js';
import {
  callEventSchemaOf,
  callKindSchema,
  metadataEntrySchema,
  type Exact,
} from '../calls/event-schema.js';
import { lazySchema } from '../request/lazy-schema.js';
import {
  RECORDING_FORMAT,
  type RecordingDirection,
  type RecordingEvent,
  type RecordingHeader,
} from './types.js';

const callKind = callKindSchema;
const metadataEntry = metadataEntrySchema;
const direction = lazySchema(() => z.enum(['client', 'server', 'local']));
// Payloads came out of JSON.parse, so they are JSON already; only their presence is checked.
const json = lazySchema(() => z.custom<JsonValue>((v) => v !== undefined, 'expected a JSON value'));

export const recordingHeaderSchema = lazySchema(
  () =>
    z.object({
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
    }) satisfies z.ZodType<RecordingHeader>,
);

// The call event log (shared/calls/event-schema.ts) with the recording's checks: every line adds
// `dir`; payloads and status detail values are only required to be present (see `json`); and, as
// recordings always have, a payload's `size` must be a non-negative integer and a status `code` an
// integer, where the contract's event schema takes any number for both.
export const recordingEventSchema = lazySchema(() =>
  callEventSchemaOf({
    json,
    size: z.number().int().nonnegative(),
    statusCode: z.number().int(),
    extra: { dir: direction },
  }),
);

// Compile-time: a recording line is exactly a call event plus its direction.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventMatches: Exact<z.infer<typeof recordingEventSchema>, RecordingEvent> = true;
const directionMatches: Same<z.infer<typeof direction>, RecordingDirection> = true;
void eventMatches;
void directionMatches;

/** Checks a parsed event line. */
export function parseRecordingEvent(
  value: unknown,
): { ok: true; event: RecordingEvent } | { ok: false; error: string } {
  const result = recordingEventSchema.safeParse(value);
  if (result.success) return { ok: true, event: result.data };
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
