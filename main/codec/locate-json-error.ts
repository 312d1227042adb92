import {
  fromJson,
  ScalarType,
  type DescField,
  type DescMessage,
  type JsonReadOptions,
  type JsonValue,
} from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence, hasCustomJsonRepresentation } from '@bufbuild/protobuf/wkt';
import { pathWithIndex, pathWithKey, pathWithMapKey } from './codec-error.js';
import { enumReason, inProtoWords, scalarReason, wellKnownReason } from './proto-json-reason.js';

export interface JsonErrorLocation {
  path: string;
  reason: string;
}

type JsonObject = { [key: string]: JsonValue };

/**
 * bufbuild's fromJson names the failing field's type but not where it sits in the document
 * (which list item, which map entry, under which parent). This runs only after a failed parse: it
 * walks the JSON along the descriptor and re-parses the smallest piece around each value until it
 * finds the one that fails, so the path is exact without re-implementing the mapping.
 */
export function locateJsonError(
  desc: DescMessage,
  json: JsonValue,
  opts: Partial<JsonReadOptions>,
  path = '',
): JsonErrorLocation | undefined {
  if (hasCustomJsonRepresentation(desc)) return locateInWellKnown(desc, json, opts, path);
  if (!isObject(json))
    return { path, reason: `expected an object for ${desc.typeName}, got ${describe(json)}` };
  for (const [key, value] of Object.entries(json)) {
    const field = findField(desc, key);
    const fieldPath = pathWithKey(path, key);
    if (!field) {
      if (opts.ignoreUnknownFields || key.startsWith('[')) continue;
      return { path: fieldPath, reason: `unknown field "${key}" in ${desc.typeName}` };
    }
    if (value === null) continue;
    const found = locateInField(desc, field, key, value, opts, fieldPath);
    if (found) return found;
  }
  // Every value parses alone; what is left is about the object as a whole (a oneof set twice, a
  // field given by both its json and its proto name).
  const whole = parseError(desc, json, opts);
  return whole === undefined ? undefined : { path, reason: whole };
}

function locateInField(
  desc: DescMessage,
  field: DescField,
  key: string,
  value: JsonValue,
  opts: Partial<JsonReadOptions>,
  path: string,
): JsonErrorLocation | undefined {
  switch (field.fieldKind) {
    case 'message':
      return locateJsonError(field.message, value, opts, path);
    case 'list': {
      if (!Array.isArray(value)) return { path, reason: `expected a list, got ${describe(value)}` };
      for (let i = 0; i < value.length; i++) {
        const item = value[i] as JsonValue;
        const itemPath = pathWithIndex(path, i);
        if (item === null) return { path: itemPath, reason: 'list item must not be null' };
        const found =
          field.listKind === 'message'
            ? locateJsonError(field.message, item, opts, itemPath)
            : locateValue(desc, field, { [key]: [item] }, item, opts, itemPath);
        if (found) return found;
      }
      return undefined;
    }
    case 'map': {
      if (!isObject(value))
        return { path, reason: `expected an object (map), got ${describe(value)}` };
      for (const [mapKey, mapValue] of Object.entries(value)) {
        const entryPath = pathWithMapKey(path, mapKey);
        if (mapValue === null) return { path: entryPath, reason: 'map value must not be null' };
        const keyError = parseError(desc, { [key]: { [mapKey]: defaultOf(field) } }, opts);
        if (keyError !== undefined)
          return {
            path: entryPath,
            reason: `invalid map key: ${scalarReason(field.mapKey, mapKey)}`,
          };
        const found =
          field.mapKind === 'message'
            ? locateJsonError(field.message, mapValue, opts, entryPath)
            : locateValue(
                desc,
                field,
                { [key]: { [mapKey]: mapValue } },
                mapValue,
                opts,
                entryPath,
              );
        if (found) return found;
      }
      return undefined;
    }
    default:
      return locateValue(desc, field, { [key]: value }, value, opts, path);
  }
}

/**
 * Parses `probe` (the parent with only this value in it); when it fails, says why in proto terms
 * from the field's type and the value itself rather than bufbuild's JavaScript ones.
 */
function locateValue(
  desc: DescMessage,
  field: DescField,
  probe: JsonValue,
  value: JsonValue,
  opts: Partial<JsonReadOptions>,
  path: string,
): JsonErrorLocation | undefined {
  const reason = parseError(desc, probe, opts);
  return reason === undefined ? undefined : { path, reason: valueReason(field, value, reason) };
}

function valueReason(field: DescField, value: JsonValue, bufReason: string): string {
  const kind =
    field.fieldKind === 'list'
      ? field.listKind
      : field.fieldKind === 'map'
        ? field.mapKind
        : field.fieldKind;
  if (kind === 'enum' && field.enum) return enumReason(field.enum, value);
  // A string that is a string already failed for another reason (bufbuild's says which).
  if (kind === 'scalar' && field.scalar !== undefined && !isStringAsString(field.scalar, value))
    return scalarReason(field.scalar, value);
  return bufReason;
}

function isStringAsString(scalar: ScalarType, value: JsonValue): boolean {
  return scalar === ScalarType.STRING && typeof value === 'string';
}

/** A valid value of a map's value type, to test the key alone. */
function defaultOf(field: DescField & { fieldKind: 'map' }): JsonValue {
  switch (field.mapKind) {
    case 'message':
      return {};
    case 'enum':
      return 0;
    case 'scalar':
      return defaultScalarJson(field.scalar);
  }
}

function defaultScalarJson(scalar: ScalarType): JsonValue {
  if (scalar === ScalarType.BOOL) return false;
  if (scalar === ScalarType.STRING || scalar === ScalarType.BYTES) return '';
  return 0;
}

function locateInWellKnown(
  desc: DescMessage,
  json: JsonValue,
  opts: Partial<JsonReadOptions>,
  path: string,
): JsonErrorLocation | undefined {
  if (
    desc.typeName === 'google.protobuf.Any' &&
    isObject(json) &&
    typeof json['@type'] === 'string'
  ) {
    const inner = anyContent(json, opts);
    if (inner) {
      const innerPath = inner.wrapped ? pathWithKey(path, 'value') : path;
      return locateJsonError(inner.desc, inner.json, opts, innerPath);
    }
  }
  const reason = parseError(desc, json, opts);
  return reason === undefined ? undefined : { path, reason: wellKnownReason(desc, json, reason) };
}

function anyContent(
  json: JsonObject,
  opts: Partial<JsonReadOptions>,
): { desc: DescMessage; json: JsonValue; wrapped: boolean } | undefined {
  const url = json['@type'] as string;
  const desc = opts.registry?.getMessage(url.slice(url.lastIndexOf('/') + 1));
  if (!desc) return undefined;
  if (hasCustomJsonRepresentation(desc)) return { desc, json: json.value ?? null, wrapped: true };
  const rest: JsonObject = {};
  for (const [k, v] of Object.entries(json)) if (k !== '@type') rest[k] = v;
  return { desc, json: rest, wrapped: false };
}

function parseError(
  desc: DescMessage,
  json: JsonValue,
  opts: Partial<JsonReadOptions>,
): string | undefined {
  try {
    fromJson(desc, json, opts);
    return undefined;
  } catch (err) {
    return bareReason(err);
  }
}

/** bufbuild says `cannot decode field a.B.c from JSON: list item #2: expected …`; keep the last part. */
export function bareReason(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
  const text = cause ?? (err instanceof Error ? err.message : String(err));
  return inProtoWords(
    text
      .replace(/^cannot decode (field|message) \S+ from JSON:? ?/, '')
      .replace(/^(list item #\d+|map entry "[^"]*"): /, ''),
  );
}

function findField(desc: DescMessage, key: string): DescField | undefined {
  return desc.fields.find((f) => f.jsonName === key || f.name === key);
}

function isObject(json: JsonValue): json is JsonObject {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

function describe(json: JsonValue): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'a list';
  if (typeof json === 'object') return 'an object';
  return JSON.stringify(json);
}

/**
 * proto2 `required` fields are only checked when writing binary, and bufbuild's error names the
 * field's declaration, not where in the document the message without it sits. Finds the first
 * object that lacks a required field.
 */
export function locateMissingRequired(
  desc: DescMessage,
  json: JsonValue,
  path = '',
): JsonErrorLocation | undefined {
  if (!isObject(json) || hasCustomJsonRepresentation(desc)) return undefined;
  for (const field of desc.fields) {
    const key =
      field.jsonName in json ? field.jsonName : field.name in json ? field.name : undefined;
    const value = key === undefined ? null : (json[key] ?? null);
    if (value === null) {
      if (field.presence === FeatureSet_FieldPresence.LEGACY_REQUIRED) {
        return {
          path: pathWithKey(path, field.jsonName),
          reason: `required field ${field.name} is missing`,
        };
      }
      continue;
    }
    const fieldPath = pathWithKey(path, key as string);
    let found: JsonErrorLocation | undefined;
    if (field.fieldKind === 'message')
      found = locateMissingRequired(field.message, value, fieldPath);
    else if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
      for (let i = 0; i < value.length && !found; i++) {
        found = locateMissingRequired(
          field.message,
          value[i] as JsonValue,
          pathWithIndex(fieldPath, i),
        );
      }
    } else if (field.fieldKind === 'map' && field.mapKind === 'message' && isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        found ??= locateMissingRequired(field.message, v, pathWithMapKey(fieldPath, k));
      }
    }
    if (found) return found;
  }
  return undefined;
}
