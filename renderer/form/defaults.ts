// Default values for new form entries, and a local example template (used when the engine's
// template command is not reachable). Recursion is bounded so self-referencing types terminate.
import type { FieldInfo, ScalarType, SchemaModel, ValueType } from '../../shared/schema/model.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { defaultScalar, is64Bit } from './scalars.js';
import { defaultWellKnown, wellKnownKind, type WellKnownKind } from './wellKnown.js';
import { findMessage } from './schemaLookup.js';
import type { JsonObject } from './jsonPath.js';

export function defaultValue(schema: SchemaModel, type: ValueType, depth = 0): JsonValue {
  if (type.kind === 'scalar') return defaultScalar(type.scalar);
  if (type.kind === 'enum')
    return schema.enums[type.typeName.replace(/^\./, '')]?.values[0]?.name ?? 0;
  const wk = wellKnownKind(type.typeName);
  if (wk) return defaultWellKnown(wk);
  return depth > 0 ? templateFor(schema, type.typeName, depth - 1) : {};
}

/** The value a field gets when a person adds it in the form. */
export function defaultFieldValue(schema: SchemaModel, field: FieldInfo): JsonValue {
  if (field.map) return {};
  if (field.repeated) return [];
  return defaultValue(schema, field.type);
}

/** A JSON example with every field (first oneof branch only), like grpcurl's -msg-template. */
export function templateFor(schema: SchemaModel, typeName: string, depth = 3): JsonValue {
  const wk = wellKnownKind(typeName);
  if (wk) return defaultWellKnown(wk);
  const msg = findMessage(schema, typeName);
  if (!msg) return {};
  const out: JsonObject = {};
  const seenOneofs = new Set<string>();
  for (const f of msg.fields) {
    if (f.oneof) {
      if (seenOneofs.has(f.oneof)) continue;
      seenOneofs.add(f.oneof);
    }
    if (f.map) {
      out[f.jsonName] = {
        [f.map.key === 'bool' ? 'true' : f.map.key === 'string' ? 'key' : '0']: defaultValue(
          schema,
          f.map.value,
          depth,
        ),
      };
    } else if (f.repeated) {
      if (f.type.kind === 'message' && depth <= 0) out[f.jsonName] = [];
      else out[f.jsonName] = [defaultValue(schema, f.type, depth)];
    } else if (f.type.kind === 'message' && !wellKnownKind(f.type.typeName) && depth <= 0) {
      continue;
    } else {
      out[f.jsonName] = defaultValue(schema, f.type, depth);
    }
  }
  return out;
}

/**
 * A realistic example of a message for the "Example" button: values a person would recognise
 * from the field's name (names, emails, ids, URLs, timestamps now), the first non-zero value of an
 * enum, one element in each list and map, the first branch of each oneof. Recursion stops at
 * `depth` levels of nested messages.
 */
export function exampleFor(
  schema: SchemaModel,
  typeName: string,
  depth = 3,
  now: Date = new Date(),
): JsonValue {
  const wk = wellKnownKind(typeName);
  if (wk) return exampleWellKnown(wk, now);
  const msg = findMessage(schema, typeName);
  if (!msg) return {};
  const out: JsonObject = {};
  const seenOneofs = new Set<string>();
  for (const f of msg.fields) {
    if (f.oneof) {
      if (seenOneofs.has(f.oneof)) continue;
      seenOneofs.add(f.oneof);
    }
    const nested = f.map ? f.map.value : f.type;
    if (nested.kind === 'message' && !wellKnownKind(nested.typeName) && depth <= 0) continue;
    const one = (): JsonValue => exampleValue(schema, nested, f.name, depth, now);
    if (f.map) out[f.jsonName] = { [exampleMapKey(f.map.key, f.name)]: one() };
    else if (f.repeated) out[f.jsonName] = [one()];
    else out[f.jsonName] = one();
  }
  return out;
}

function exampleMapKey(key: ScalarType, fieldName: string): string {
  if (key === 'bool') return 'true';
  if (key !== 'string') return '1';
  return /lang|locale/i.test(fieldName) ? 'en' : 'primary';
}

function exampleValue(
  schema: SchemaModel,
  type: ValueType,
  name: string,
  depth: number,
  now: Date,
): JsonValue {
  if (type.kind === 'scalar') return exampleScalar(type.scalar, name);
  if (type.kind === 'enum') {
    const values = schema.enums[type.typeName.replace(/^\./, '')]?.values ?? [];
    return (values.find((v) => v.number !== 0) ?? values[0])?.name ?? 0;
  }
  return exampleFor(schema, type.typeName, depth - 1, now);
}

/** A value that fits the field's name, else one that is plainly not a default. */
export function exampleScalar(s: ScalarType, name: string): JsonValue {
  const n = name.toLowerCase();
  if (s === 'bool') return true;
  if (s === 'bytes') return 'aGVsbG8='; // "hello"
  if (s === 'string') {
    if (n.includes('email')) return 'ada@example.com';
    if (/url|uri|link|href/.test(n)) return 'https://example.com/ada';
    if (/phone|mobile/.test(n)) return '+44 20 7946 0000';
    if (n === 'id' || n.endsWith('_id') || n.endsWith('id')) return 'id-1001';
    if (/first_?name/.test(n)) return 'Ada';
    if (/last_?name|surname/.test(n)) return 'Lovelace';
    if (n.includes('name')) return 'Ada Lovelace';
    if (/title|subject/.test(n)) return 'Hello from the workbench';
    if (/city/.test(n)) return 'London';
    if (/country/.test(n)) return 'GB';
    if (/street|address/.test(n)) return '12 St James’s Square';
    if (/lang|locale/.test(n)) return 'en';
    if (/token|key|secret/.test(n)) return 'tok_example';
    return `example ${name}`;
  }
  if (s === 'double' || s === 'float')
    return /lat/.test(n) ? 51.5072 : /lon|lng/.test(n) ? -0.1276 : 3.14;
  const int = n === 'id' || n.endsWith('_id') ? 1001 : /age/.test(n) ? 36 : 42;
  return is64Bit(s) ? String(int) : int;
}

function exampleWellKnown(w: WellKnownKind, now: Date): JsonValue {
  switch (w.kind) {
    case 'timestamp':
      return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'duration':
      return '1.5s';
    case 'wrapper':
      return exampleScalar(w.scalar, '');
    case 'struct':
      return { key: 'value' };
    case 'value':
      return 'value';
    case 'list':
      return ['value'];
    case 'fieldmask':
      return 'name';
    default:
      return defaultWellKnown(w);
  }
}

/**
 * proto3 sends a field without presence (no `optional`, not in a oneof, not a message) only when
 * it is not its default: 0, "", false and the first enum value are never sent, and the server cannot
 * tell them from "not set". The form says so beside such a value.
 */
export function isImplicitDefault(
  schema: SchemaModel,
  field: FieldInfo,
  value: JsonValue | undefined,
): boolean {
  if (field.optional || field.oneof || field.repeated || field.map) return false;
  if (field.type.kind === 'message') return false;
  if (value === undefined || value === null) return true;
  if (field.type.kind === 'enum') {
    const zero = schema.enums[field.type.typeName.replace(/^\./, '')]?.values.find(
      (v) => v.number === 0,
    );
    return value === 0 || value === zero?.name;
  }
  return value === 0 || value === '0' || value === '' || value === false;
}
