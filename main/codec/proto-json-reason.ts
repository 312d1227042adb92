import { ScalarType, type DescEnum, type DescMessage, type JsonValue } from '@bufbuild/protobuf';
import { isWrapperDesc } from '@bufbuild/protobuf/wkt';
import { SCALAR_NAMES } from '../schema/scalar-names.js';

// bufbuild's fromJson explains a bad value in JavaScript's terms ("expected bigint (int64): x out of
// range", "expected Uint8Array, got 1", "expected boolean"). A user wrote proto3 JSON against a
// .proto file, so the reasons here name the proto type of the field and the value as written:
// `expected int64, got "x"`, `expected base64 bytes, got 1`, `expected uint32, got -1 (out of range)`.

const FLOATS = new Set([ScalarType.DOUBLE, ScalarType.FLOAT]);
const NUMBERS = new Set([
  ScalarType.DOUBLE,
  ScalarType.FLOAT,
  ScalarType.INT64,
  ScalarType.UINT64,
  ScalarType.INT32,
  ScalarType.FIXED64,
  ScalarType.FIXED32,
  ScalarType.UINT32,
  ScalarType.SFIXED32,
  ScalarType.SFIXED64,
  ScalarType.SINT32,
  ScalarType.SINT64,
]);

/** What a value of this scalar type looks like in proto3 JSON. */
export function expectedScalar(scalar: ScalarType): string {
  return scalar === ScalarType.BYTES ? 'base64 bytes' : SCALAR_NAMES[scalar];
}

/** Why `value` is not a `scalar`, e.g. `expected int64, got "x"`. */
export function scalarReason(scalar: ScalarType, value: JsonValue): string {
  const got = `expected ${expectedScalar(scalar)}, got ${shown(value)}`;
  return isNumberOfKind(scalar, value) ? `${got} (out of range)` : got;
}

/** Why `value` is not a value of the enum. */
export function enumReason(desc: DescEnum, value: JsonValue): string {
  return `expected enum value name or number of ${desc.typeName}, got ${shown(value)}`;
}

/**
 * Why `value` is not the JSON of a well-known type with a JSON form of its own; `bufReason` is
 * bufbuild's text, kept where it already speaks proto (a Timestamp out of its range, a FieldMask
 * path that is not lowerCamelCase).
 */
export function wellKnownReason(desc: DescMessage, value: JsonValue, bufReason: string): string {
  if (isWrapperDesc(desc)) {
    const wrapped = desc.fields[0];
    if (wrapped?.fieldKind === 'scalar') return scalarReason(wrapped.scalar, value);
  }
  const got = shown(value);
  switch (desc.typeName) {
    case 'google.protobuf.Timestamp':
      if (/must be from/.test(bufReason)) return `Timestamp ${bufReason}`;
      return `expected Timestamp (an RFC 3339 string such as "2024-01-02T15:04:05Z"), got ${got}`;
    case 'google.protobuf.Duration':
      return `expected Duration (seconds with an "s", such as "1.5s"), got ${got}`;
    case 'google.protobuf.FieldMask':
      if (/lowerCamelCase/.test(bufReason)) return `FieldMask ${bufReason}`;
      return `expected FieldMask (field paths separated by commas), got ${got}`;
    case 'google.protobuf.Struct':
      return `expected Struct (a JSON object), got ${got}`;
    case 'google.protobuf.ListValue':
      return `expected ListValue (a JSON list), got ${got}`;
    case 'google.protobuf.Any':
      return anyReason(value, bufReason);
    default:
      return bufReason;
  }
}

function anyReason(value: JsonValue, bufReason: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `expected Any (an object with "@type"), got ${shown(value)}`;
  if (/"@type" is (empty|invalid)/.test(bufReason)) {
    const url = value['@type'];
    return url === undefined || url === ''
      ? 'an Any needs "@type", e.g. "type.googleapis.com/pkg.Message"'
      : `"@type" must be a type URL such as "type.googleapis.com/pkg.Message", got ${shown(url ?? null)}`;
  }
  const missing = /^(\S+) is not in the type registry$/.exec(bufReason);
  if (missing) {
    const url = missing[1] as string;
    return `"@type" names ${url.slice(url.lastIndexOf('/') + 1)}, which is not in the loaded schema`;
  }
  return bufReason;
}

/**
 * The last resort, for a reason that was not found at a field (the walk in locate-json-error.ts
 * finds nearly all of them): bufbuild's JavaScript type names in proto words.
 */
export function inProtoWords(reason: string): string {
  return reason
    .replace(/\bbigint \((u?int64)\)/g, '$1')
    .replace(/\bnumber \((u?int32)\)/g, '$1')
    .replace(/\bnumber \(float64\)/g, 'double')
    .replace(/\bnumber \(float32\)/g, 'float')
    .replace(/\bUint8Array\b/g, 'base64 bytes')
    .replace(/\bexpected boolean\b/g, 'expected bool')
    .replace(/\bexpected Array\b/g, 'expected a list')
    .replace(/\binvalid base64 string\b/g, 'expected base64 bytes');
}

/** Whether the value is a number (or a numeric string) that is only wrong by its size. */
function isNumberOfKind(scalar: ScalarType, value: JsonValue): boolean {
  if (!NUMBERS.has(scalar)) return false;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? numeric(value) : NaN;
  if (Number.isNaN(n)) return false;
  return FLOATS.has(scalar) || Number.isInteger(n);
}

function numeric(text: string): number {
  return text.trim() === text && text !== '' ? Number(text) : NaN;
}

/** The value as the user wrote it, shortened when long. */
function shown(value: JsonValue): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
