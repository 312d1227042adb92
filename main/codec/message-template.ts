import {
  ScalarType,
  type DescEnum,
  type DescField,
  type DescMessage,
  type Registry,
} from '@bufbuild/protobuf';
import type { JsonValue } from '../../shared/calls/events.js';
import { messageDesc } from './message-codec.js';

/** Past this many values the template stops filling nested messages, so huge schemas stay printable. */
const MAX_VALUES = 5000;

/**
 * An example JSON for a message type, like grpcurl's -msg-template: every field present with its
 * default, nested messages filled, lists with one item, maps with one entry, the first branch of each
 * oneof, well-known types in their JSON forms. A type that recurs below itself is filled once more
 * without its message fields (as grpcurl does), so recursive types stop.
 */
export function messageTemplate(registry: Registry, typeName: string): JsonValue {
  const state = { values: 0, stack: [] as string[] };
  return messageValue(messageDesc(registry, typeName), state);
}

interface TemplateState {
  values: number;
  stack: string[];
}

function messageValue(desc: DescMessage, state: TemplateState): JsonValue {
  const wkt = wellKnownValue(desc);
  if (wkt !== undefined) return wkt;
  const shallow = state.stack.includes(desc.typeName) || state.values > MAX_VALUES;
  state.stack.push(desc.typeName);
  const out: { [key: string]: JsonValue } = {};
  for (const field of desc.fields) {
    if (field.oneof && field.oneof.fields[0] !== field) continue;
    state.values++;
    out[field.jsonName] = fieldValue(field, state, shallow);
  }
  state.stack.pop();
  return out;
}

function fieldValue(field: DescField, state: TemplateState, shallow: boolean): JsonValue {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarValue(field.scalar);
    case 'enum':
      return enumValue(field.enum);
    case 'message':
      return shallow && !isLeafMessage(field.message) ? null : messageValue(field.message, state);
    case 'list':
      if (shallow) return [];
      if (field.listKind === 'scalar') return [scalarValue(field.scalar)];
      if (field.listKind === 'enum') return [enumValue(field.enum)];
      return [messageValue(field.message, state)];
    case 'map': {
      if (shallow) return {};
      const key = mapKeyExample(field.mapKey);
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

function enumValue(desc: DescEnum): JsonValue {
  if (desc.typeName === 'google.protobuf.NullValue') return null;
  return desc.values[0]?.name ?? 0;
}

function mapKeyExample(scalar: ScalarType): string {
  if (scalar === ScalarType.STRING) return 'key';
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
  return wellKnownValue(desc) !== undefined;
}

function wellKnownValue(desc: DescMessage): JsonValue | undefined {
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
