// Default values for new form entries, and a local example template (used when the engine's
// template command is not reachable). Recursion is bounded so self-referencing types terminate.
import type { FieldInfo, SchemaModel, ValueType } from '../../shared/schema/model.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { defaultScalar } from './scalars.js';
import { defaultWellKnown, wellKnownKind } from './wellKnown.js';
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
