// zod mirrors of the plain schema model and call event log. They describe outputs (the engine
// builds these values itself), so they exist for conformance tests and for hosts that want to
// check what crosses; the compile-time checks at the bottom keep them equal to the TS types.

import { z } from 'zod';
import type { SchemaModel } from '../schema/model.js';
import type { CallEvent } from '../calls/events.js';
import { STATUS_CODE_NAMES, type StatusCodeName } from '../calls/events.js';
import { jsonValueSchema } from './json.js';

export const callKindSchema = z.enum(['unary', 'server_stream', 'client_stream', 'bidi_stream']);

export const scalarTypeSchema = z.enum([
  'double',
  'float',
  'int64',
  'uint64',
  'int32',
  'fixed64',
  'fixed32',
  'bool',
  'string',
  'bytes',
  'uint32',
  'sfixed32',
  'sfixed64',
  'sint32',
  'sint64',
]);

export const valueTypeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scalar'), scalar: scalarTypeSchema }),
  z.object({ kind: z.literal('enum'), typeName: z.string() }),
  z.object({ kind: z.literal('message'), typeName: z.string() }),
]);

export const fieldInfoSchema = z.object({
  name: z.string(),
  jsonName: z.string(),
  number: z.number().int(),
  type: valueTypeSchema,
  repeated: z.boolean(),
  map: z.object({ key: scalarTypeSchema, value: valueTypeSchema }).optional(),
  oneof: z.string().optional(),
  optional: z.boolean(),
  deprecated: z.boolean(),
  comment: z.string().optional(),
});

export const messageInfoSchema = z.object({
  fullName: z.string(),
  name: z.string(),
  file: z.string(),
  fields: z.array(fieldInfoSchema),
  oneofs: z.array(z.string()),
  wellKnown: z.string().optional(),
  deprecated: z.boolean(),
  comment: z.string().optional(),
});

export const enumInfoSchema = z.object({
  fullName: z.string(),
  name: z.string(),
  file: z.string(),
  values: z.array(
    z.object({
      name: z.string(),
      number: z.number().int(),
      deprecated: z.boolean(),
      comment: z.string().optional(),
    }),
  ),
  comment: z.string().optional(),
});

export const methodInfoSchema = z.object({
  name: z.string(),
  fullName: z.string(),
  path: z.string(),
  kind: callKindSchema,
  inputType: z.string(),
  outputType: z.string(),
  deprecated: z.boolean(),
  comment: z.string().optional(),
});

export const serviceInfoSchema = z.object({
  fullName: z.string(),
  name: z.string(),
  file: z.string(),
  methods: z.array(methodInfoSchema),
  deprecated: z.boolean(),
  comment: z.string().optional(),
});

export const schemaModelSchema = z.object({
  services: z.array(serviceInfoSchema),
  messages: z.record(z.string(), messageInfoSchema),
  enums: z.record(z.string(), enumInfoSchema),
  files: z.array(z.string()),
});

export const metadataEntrySchema = z.object({ key: z.string(), value: z.string() });

export const statusCodeNameSchema = z.enum(
  STATUS_CODE_NAMES as unknown as [StatusCodeName, ...StatusCodeName[]],
);

export const callStatusSchema = z.object({
  code: z.number(),
  codeName: statusCodeNameSchema,
  message: z.string(),
  details: z.array(z.object({ type: z.string(), value: jsonValueSchema, raw: z.string() })),
  rawCode: z.string().optional(),
});

const payloadFields = {
  message: jsonValueSchema,
  size: z.number(),
  raw: z.string().optional(),
  decodeError: z.string().optional(),
  rawDropped: z.literal('secret').optional(),
};

const base = { seq: z.number().int().nonnegative(), t: z.number() };

export const callEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('started'),
    at: z.number(),
    method: z.string(),
    kind: callKindSchema,
    target: z.string(),
    metadata: z.array(metadataEntrySchema),
    deadlineMs: z.number().optional(),
  }),
  z.object({ ...base, type: z.literal('headers'), metadata: z.array(metadataEntrySchema) }),
  z.object({ ...base, type: z.literal('sent'), ...payloadFields }),
  z.object({ ...base, type: z.literal('half_closed') }),
  z.object({ ...base, type: z.literal('received'), ...payloadFields }),
  z.object({ ...base, type: z.literal('trailers'), metadata: z.array(metadataEntrySchema) }),
  z.object({ ...base, type: z.literal('status'), status: callStatusSchema }),
  z.object({ ...base, type: z.literal('ended'), durationMs: z.number() }),
]);

// Compile-time: the zod mirrors and the hand-written types must stay interchangeable.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const modelMatches: Same<z.infer<typeof schemaModelSchema>, SchemaModel> = true;
const eventFitsType: z.infer<typeof callEventSchema> extends CallEvent ? true : false = true;
const typeFitsEvent: CallEvent extends z.infer<typeof callEventSchema> ? true : false = true;
void modelMatches;
void eventFitsType;
void typeFitsEvent;
