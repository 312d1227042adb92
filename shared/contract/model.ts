// zod mirrors of the plain schema model and call event log. They describe outputs (the engine
// builds these values itself), so they exist for conformance tests and for hosts that want to
// check what crosses. The call events are declared once in shared/calls/event-schema.ts (which
// checks them against the TS types); the checks at the bottom keep these equal to the TS types.

import { z } from 'zod';
import type { SchemaModel } from '../schema/model.js';
import type { CallEvent } from '../calls/events.js';
import {
  callEventSchemaOf,
  callKindSchema,
  callStatusSchemaOf,
  metadataEntrySchema,
  statusCodeNameSchema,
  type Exact,
} from '../calls/event-schema.js';
import { jsonValueSchema } from './json.js';
import { lazySchema } from '../request/lazy-schema.js';

export { callKindSchema, metadataEntrySchema, statusCodeNameSchema };

export const scalarTypeSchema = lazySchema(() =>
  z.enum([
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
  ]),
);

export const valueTypeSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('scalar'), scalar: scalarTypeSchema }),
    z.object({ kind: z.literal('enum'), typeName: z.string() }),
    z.object({ kind: z.literal('message'), typeName: z.string() }),
  ]),
);

export const fieldInfoSchema = lazySchema(() =>
  z.object({
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
  }),
);

export const messageInfoSchema = lazySchema(() =>
  z.object({
    fullName: z.string(),
    name: z.string(),
    file: z.string(),
    fields: z.array(fieldInfoSchema),
    oneofs: z.array(z.string()),
    wellKnown: z.string().optional(),
    deprecated: z.boolean(),
    comment: z.string().optional(),
  }),
);

export const enumInfoSchema = lazySchema(() =>
  z.object({
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
  }),
);

export const methodInfoSchema = lazySchema(() =>
  z.object({
    name: z.string(),
    fullName: z.string(),
    path: z.string(),
    kind: callKindSchema,
    inputType: z.string(),
    outputType: z.string(),
    deprecated: z.boolean(),
    comment: z.string().optional(),
  }),
);

export const serviceInfoSchema = lazySchema(() =>
  z.object({
    fullName: z.string(),
    name: z.string(),
    file: z.string(),
    methods: z.array(methodInfoSchema),
    deprecated: z.boolean(),
    comment: z.string().optional(),
  }),
);

export const schemaModelSchema = lazySchema(() =>
  z.object({
    services: z.array(serviceInfoSchema),
    messages: z.record(z.string(), messageInfoSchema),
    enums: z.record(z.string(), enumInfoSchema),
    files: z.array(z.string()),
  }),
);

// The contract checks every payload as JSON and takes any number for `size` and a status `code`.
const contractChecks = () => ({
  json: jsonValueSchema,
  size: z.number(),
  statusCode: z.number(),
  extra: {},
});

export const callStatusSchema = lazySchema(() => callStatusSchemaOf(contractChecks()));

export const callEventSchema = lazySchema(() => callEventSchemaOf(contractChecks()));

// Compile-time: the zod mirrors and the hand-written types must stay interchangeable.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const modelMatches: Same<z.infer<typeof schemaModelSchema>, SchemaModel> = true;
const eventMatches: Exact<z.infer<typeof callEventSchema>, CallEvent> = true;
void modelMatches;
void eventMatches;
