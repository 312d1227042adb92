// The one zod declaration of the call event log (the types are in ./events.ts). The contract's
// `callEventSchema` (shared/contract/model.ts) and the recording's `recordingEventSchema`
// (shared/recording/schema.ts) are both built here by `callEventSchemaOf`; they differ only in the
// checks passed to it: how a JSON payload is checked, how strict `size` and a status `code` are, and
// the fields every event carries after `seq` and `t` (a recording line adds `dir`).
// Node and the contract only: the renderer imports ./events.ts (types), never this file (zod).

import { z } from 'zod';
import { lazySchema } from '../request/lazy-schema.js';
import type { CallKind } from '../schema/model.js';
import {
  CALL_FAILURES,
  STATUS_CODE_NAMES,
  type CallFailure,
  type CallEvent,
  type CallStatus,
  type JsonValue,
  type MessagePayload,
  type MetadataEntry,
  type StatusCodeName,
} from './events.js';

export const callKindSchema = lazySchema(() =>
  z.enum(['unary', 'server_stream', 'client_stream', 'bidi_stream']),
);

export const metadataEntrySchema = lazySchema(() =>
  z.object({ key: z.string(), value: z.string() }),
);

export const statusCodeNameSchema = lazySchema(() =>
  z.enum(STATUS_CODE_NAMES as unknown as [StatusCodeName, ...StatusCodeName[]]),
);

export const callFailureSchema = lazySchema(() =>
  z.enum(CALL_FAILURES as unknown as [CallFailure, ...CallFailure[]]),
);

/** What differs between the logs built from this declaration. */
export interface EventChecks<Extra extends z.ZodRawShape> {
  /** Checks a message payload (`message`) and a status detail's `value`. */
  json: z.ZodType<JsonValue>;
  /** Checks a payload's encoded `size`. */
  size: z.ZodNumber;
  /** Checks a status's `code`. */
  statusCode: z.ZodNumber;
  /** Fields every event carries after `seq` and `t`, in this order. */
  extra: Extra;
}

/** A call status (decoded google.rpc.Status details included). */
export function callStatusSchemaOf(
  checks: Pick<EventChecks<z.ZodRawShape>, 'json' | 'statusCode'>,
) {
  return z.object({
    code: checks.statusCode,
    codeName: statusCodeNameSchema,
    message: z.string(),
    details: z.array(z.object({ type: z.string(), value: checks.json, raw: z.string() })),
    rawCode: z.string().optional(),
    failure: callFailureSchema.optional(),
    rawMessage: z.string().optional(),
  });
}

/** The fields of a `sent` or `received` event. */
function payloadFieldsOf(checks: Pick<EventChecks<z.ZodRawShape>, 'json' | 'size'>) {
  return {
    message: checks.json,
    size: checks.size,
    wireSize: checks.size.optional(),
    encoding: z.string().optional(),
    raw: z.string().optional(),
    decodeError: z.string().optional(),
    rawDropped: z.literal('secret').optional(),
  };
}

/**
 * The event log's schema, one object per event type, discriminated by `type`. Field order is the
 * order of the parsed output's keys: seq, t, the extra fields, type, then the event's own fields.
 */
export function callEventSchemaOf<const Extra extends z.ZodRawShape>(checks: EventChecks<Extra>) {
  const base = { seq: z.number().int().nonnegative(), t: z.number(), ...checks.extra };
  const payload = payloadFieldsOf(checks);
  const status = callStatusSchemaOf(checks);
  return z.discriminatedUnion('type', [
    z.object({
      ...base,
      type: z.literal('started'),
      at: z.number(),
      method: z.string(),
      kind: callKindSchema,
      target: z.string(),
      proxy: z.string().optional(),
      protocol: z.string().optional(),
      metadata: z.array(metadataEntrySchema),
      deadlineMs: z.number().optional(),
    }),
    z.object({ ...base, type: z.literal('headers'), metadata: z.array(metadataEntrySchema) }),
    z.object({ ...base, type: z.literal('sent'), ...payload }),
    z.object({ ...base, type: z.literal('half_closed') }),
    z.object({ ...base, type: z.literal('received'), ...payload }),
    z.object({ ...base, type: z.literal('trailers'), metadata: z.array(metadataEntrySchema) }),
    z.object({ ...base, type: z.literal('status'), status }),
    z.object({ ...base, type: z.literal('ended'), durationMs: z.number() }),
  ]);
}

// Compile-time: the declaration and the hand-written types in ./events.ts stay equal, so neither
// can gain, lose or loosen a field alone (the recording's `dir` is checked in its schema).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Every optional field made required, all the way down, so an optional field cannot hide. */
type DeepRequired<T> = T extends readonly (infer E)[]
  ? DeepRequired<E>[]
  : T extends object
    ? { [K in keyof T]-?: DeepRequired<T[K]> }
    : T;
/** A and B are interchangeable and have the same fields, optional ones included. */
export type Exact<A, B> = Same<A, B> extends true ? Same<DeepRequired<A>, DeepRequired<B>> : false;
type Plain = ReturnType<typeof callEventSchemaOf<Record<never, never>>>;
const eventMatches: Exact<z.infer<Plain>, CallEvent> = true;
const statusMatches: Exact<z.infer<ReturnType<typeof callStatusSchemaOf>>, CallStatus> = true;
const payloadMatches: Exact<
  z.infer<z.ZodObject<ReturnType<typeof payloadFieldsOf>>>,
  MessagePayload
> = true;
const kindMatches: Same<z.infer<typeof callKindSchema>, CallKind> = true;
const metadataMatches: Exact<z.infer<typeof metadataEntrySchema>, MetadataEntry> = true;
void eventMatches;
void statusMatches;
void payloadMatches;
void kindMatches;
void metadataMatches;
