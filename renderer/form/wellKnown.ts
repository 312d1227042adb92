// Well-known types have their own proto3 JSON forms; the form offers a fitting input for each.
import type { ScalarType } from '../../shared/schema/model.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { awaitsSubstitution } from './placeholders.js';

export type WellKnownKind =
  | { kind: 'timestamp' }
  | { kind: 'duration' }
  | { kind: 'wrapper'; scalar: ScalarType }
  | { kind: 'struct' }
  | { kind: 'value' }
  | { kind: 'list' }
  | { kind: 'any' }
  | { kind: 'fieldmask' }
  | { kind: 'empty' };

const WRAPPERS: Record<string, ScalarType> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

export function wellKnownKind(typeName: string): WellKnownKind | null {
  const name = typeName.replace(/^\./, '');
  const wrapped = WRAPPERS[name];
  if (wrapped) return { kind: 'wrapper', scalar: wrapped };
  switch (name) {
    case 'google.protobuf.Timestamp':
      return { kind: 'timestamp' };
    case 'google.protobuf.Duration':
      return { kind: 'duration' };
    case 'google.protobuf.Struct':
      return { kind: 'struct' };
    case 'google.protobuf.Value':
      return { kind: 'value' };
    case 'google.protobuf.ListValue':
      return { kind: 'list' };
    case 'google.protobuf.Any':
      return { kind: 'any' };
    case 'google.protobuf.FieldMask':
      return { kind: 'fieldmask' };
    case 'google.protobuf.Empty':
      return { kind: 'empty' };
    default:
      return null;
  }
}

export function defaultWellKnown(w: WellKnownKind): JsonValue {
  switch (w.kind) {
    case 'timestamp':
      return '1970-01-01T00:00:00Z';
    case 'duration':
      return '0s';
    case 'wrapper':
      return null;
    case 'struct':
    case 'empty':
      return {};
    case 'value':
      return null;
    case 'list':
      return [];
    case 'any':
      return {};
    case 'fieldmask':
      return '';
  }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^-?\d+(\.\d{1,9})?s$/;

// A `{{variable}}` is checked after substitution (see placeholders.ts).
export function checkTimestamp(v: JsonValue): string | null {
  if (awaitsSubstitution(v)) return null;
  if (typeof v !== 'string' || !RFC3339.test(v) || Number.isNaN(Date.parse(v)))
    return 'expected an RFC 3339 time like 2024-01-31T12:00:00Z';
  return null;
}

export function checkDuration(v: JsonValue): string | null {
  if (awaitsSubstitution(v)) return null;
  if (typeof v !== 'string' || !DURATION.test(v)) return 'expected a duration like "1.5s"';
  return null;
}

export function nowTimestamp(now: Date = new Date()): string {
  return now.toISOString();
}

/** `<input type="datetime-local">` speaks local time without a zone; the JSON speaks UTC. */
export function timestampToLocalInput(v: JsonValue | undefined): string {
  if (typeof v !== 'string') return '';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

export function localInputToTimestamp(text: string): string | null {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace('.000Z', 'Z');
}

export const anyTypeUrl = (fullName: string): string => `type.googleapis.com/${fullName}`;

export function anyTypeName(v: JsonValue | undefined): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const url = v['@type'];
  if (typeof url !== 'string') return null;
  return url.slice(url.lastIndexOf('/') + 1);
}
