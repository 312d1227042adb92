import {
  ScalarType,
  type DescEnum,
  type DescField,
  type DescMessage,
  type Registry,
} from '@bufbuild/protobuf';
import { base64Encode } from '@bufbuild/protobuf/wire';
import type { JsonValue } from '../../shared/calls/events.js';
import { messageDesc } from './message-codec.js';

/** Past this many values the template stops filling nested messages, so huge schemas stay printable. */
const MAX_VALUES = 5000;

/**
 * Who reads the template:
 * - `editor` (the UI's request editor): JSON the codec accepts as is — the first branch of each
 *   oneof, maps keyed `key`, well-known types in their JSON forms even below a recursion.
 * - `grpcurl` (`gwb -msg-template`): exactly grpcurl's MakeTemplate printed with defaults — oneofs
 *   and proto3 `optional` fields left out, map keys the zero value (`""`, `"0"`), proto2 defaults,
 *   grpcurl's placeholders for Struct/Value/ListValue, and below a recursion every message null.
 */
export type TemplateStyle = 'editor' | 'grpcurl';

/**
 * An example JSON for a message type: every field present with its default, nested messages
 * filled, lists with one item, maps with one entry. A type that recurs below itself is filled once
 * more without its message fields (as grpcurl does), so recursive types stop.
 */
export function messageTemplate(
  registry: Registry,
  typeName: string,
  style: TemplateStyle = 'editor',
): JsonValue {
  const state: TemplateState = { values: 0, stack: [], style };
  return messageValue(messageDesc(registry, typeName), state);
}

interface TemplateState {
  values: number;
  stack: string[];
  style: TemplateStyle;
}

function messageValue(desc: DescMessage, state: TemplateState): JsonValue {
  const wkt = wellKnownValue(desc, state.style);
  if (wkt !== undefined) return wkt;
  const shallow = state.stack.includes(desc.typeName) || state.values > MAX_VALUES;
  state.stack.push(desc.typeName);
  const out: { [key: string]: JsonValue } = {};
  for (const field of desc.fields) {
    if (!included(field, state.style)) continue;
    state.values++;
    out[field.jsonName] = fieldValue(field, state, shallow);
  }
  state.stack.pop();
  return out;
}

function included(field: DescField, style: TemplateStyle): boolean {
  if (style === 'grpcurl') return !field.oneof && !field.proto.proto3Optional;
  return !field.oneof || field.oneof.fields[0] === field;
}

function fieldValue(field: DescField, state: TemplateState, shallow: boolean): JsonValue {
  const grpcurl = state.style === 'grpcurl';
  switch (field.fieldKind) {
    case 'scalar':
      return grpcurl ? scalarDefault(field) : scalarValue(field.scalar);
    case 'enum':
      return grpcurl ? enumDefault(field) : enumValue(field.enum);
    case 'message':
      if (shallow && (grpcurl || !isLeafMessage(field.message))) return null;
      return messageValue(field.message, state);
    case 'list':
      if (shallow) return [];
      if (field.listKind === 'scalar') return [scalarValue(field.scalar)];
      if (field.listKind === 'enum') return [enumValue(field.enum)];
      return [messageValue(field.message, state)];
    case 'map': {
      if (shallow) return {};
      const key = grpcurl ? zeroMapKey(field.mapKey) : mapKeyExample(field.mapKey);
      if (field.mapKind === 'scalar') return { [key]: scalarValue(field.scalar) };
      if (field.mapKind === 'enum') return { [key]: enumValue(field.enum) };
      return { [key]: messageValue(field.message, state) };
    }
  }
}

function scalarValue(scalar: ScalarType): JsonValue {
  switch (scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return '';
    case ScalarType.BOOL:
      return false;
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return '0';
    default:
      return 0;
  }
}

/** A proto2 field's declared default (`[default = 5]`) in proto3 JSON, else the type's zero. */
function scalarDefault(field: DescField & { fieldKind: 'scalar' }): JsonValue {
  const value = field.getDefaultValue();
  if (value === undefined) return scalarValue(field.scalar);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return base64Encode(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // "Infinity", "NaN"
  return value;
}

function enumValue(desc: DescEnum): JsonValue {
  if (desc.typeName === 'google.protobuf.NullValue') return null;
  return desc.values[0]?.name ?? 0;
}

/** grpcurl: the declared default, else the value numbered 0 (the first value, for a proto2 enum). */
function enumDefault(field: DescField & { fieldKind: 'enum' }): JsonValue {
  if (field.enum.typeName === 'google.protobuf.NullValue') return null;
  const number = field.getDefaultValue();
  const value =
    field.enum.values.find((v) => v.number === number) ??
    field.enum.values.find((v) => v.number === 0) ??
    field.enum.values[0];
  return value?.name ?? 0;
}

function mapKeyExample(scalar: ScalarType): string {
  if (scalar === ScalarType.STRING) return 'key';
  if (scalar === ScalarType.BOOL) return 'false';
  return '0';
}

function zeroMapKey(scalar: ScalarType): string {
  if (scalar === ScalarType.STRING) return '';
  if (scalar === ScalarType.BOOL) return 'false';
  return '0';
}

const WRAPPER_SCALARS: Record<string, ScalarType> = {
  'google.protobuf.DoubleValue': ScalarType.DOUBLE,
  'google.protobuf.FloatValue': ScalarType.FLOAT,
  'google.protobuf.Int64Value': ScalarType.INT64,
  'google.protobuf.UInt64Value': ScalarType.UINT64,
  'google.protobuf.Int32Value': ScalarType.INT32,
  'google.protobuf.UInt32Value': ScalarType.UINT32,
  'google.protobuf.BoolValue': ScalarType.BOOL,
  'google.protobuf.StringValue': ScalarType.STRING,
  'google.protobuf.BytesValue': ScalarType.BYTES,
};

/** Types whose JSON form is a fixed shape: never recursed into, so also filled when shallow. */
function isLeafMessage(desc: DescMessage): boolean {
  return wellKnownValue(desc, 'editor') !== undefined;
}

function wellKnownValue(desc: DescMessage, style: TemplateStyle): JsonValue | undefined {
  if (style === 'grpcurl') {
    const placeholder = GRPCURL_PLACEHOLDERS[desc.typeName];
    if (placeholder !== undefined) return placeholder;
  }
  switch (desc.typeName) {
    case 'google.protobuf.Timestamp':
      return '1970-01-01T00:00:00Z';
    case 'google.protobuf.Duration':
      return '0s';
    case 'google.protobuf.FieldMask':
      return '';
    case 'google.protobuf.Struct':
    case 'google.protobuf.Empty':
      return {};
    case 'google.protobuf.ListValue':
      return [];
    case 'google.protobuf.Value':
      return null;
    case 'google.protobuf.Any':
      return { '@type': 'type.googleapis.com/google.protobuf.Empty' };
  }
  const wrapped = WRAPPER_SCALARS[desc.typeName];
  return wrapped === undefined ? undefined : scalarValue(wrapped);
}

/**
 * What grpcurl's MakeTemplate puts in these types, as it prints them: the JSON forms cannot be
 * empty, so it writes a note; an Any holds an Empty; a FieldMask is filled like any message (its
 * one repeated path); a BytesValue's empty bytes print as null.
 */
const GRPCURL_PLACEHOLDERS: Record<string, JsonValue> = {
  'google.protobuf.Struct': { 'google.protobuf.Struct': 'supports arbitrary JSON objects' },
  'google.protobuf.Value': { 'google.protobuf.Value': 'supports arbitrary JSON' },
  'google.protobuf.ListValue': [
    { 'google.protobuf.ListValue': 'is an array of arbitrary JSON values' },
  ],
  'google.protobuf.Any': { '@type': 'type.googleapis.com/google.protobuf.Empty', value: {} },
  'google.protobuf.FieldMask': { paths: [''] },
  'google.protobuf.BytesValue': null,
};
