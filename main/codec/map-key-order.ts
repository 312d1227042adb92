import { ScalarType, type DescField, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { hasCustomJsonRepresentation } from '@bufbuild/protobuf/wkt';
import type { JsonValue } from '../../shared/calls/events.js';
import { reaches } from './reaches.js';
import { extensionsOf, perTypeAndRegistry } from './registry-extensions.js';

// grpcurl prints a message's JSON with two orderings that bufbuild does not have:
// - map entries (and a Struct's keys) sorted by key, the way Go's protobuf JSON does: false before
//   true, integers by value, strings by their UTF-8 bytes. Servers send maps in any order (Go ones
//   in random order), so without sorting two answers with equal maps print differently.
// - the fields of a message packed in an Any in the byte order of their JSON names, after "@type":
//   golang/protobuf's jsonpb, which grpcurl uses, re-marshals a packed dynamic message through a
//   Go map to add "@type", and encoding/json writes map keys sorted.
// Both are applied to bufbuild's JSON here, guided by the descriptors, so only objects that are
// maps or Anys move. A JS object lists keys that are array indexes (0 to 2^32-2) first, in numeric
// order, whatever order they were added in: a negative integer key, or a string key that looks
// like a number, comes after those (grpcurl prints "-1" before "0", and "10" before "9").

const ANY = 'google.protobuf.Any';
const STRUCT = 'google.protobuf.Struct';
const VALUE = 'google.protobuf.Value';
const LIST_VALUE = 'google.protobuf.ListValue';

type JsonObject = { [key: string]: JsonValue };

/**
 * Whether the JSON of `desc` can hold a map or an Any anywhere, its extensions in `registry`
 * included (decided once per type): streams of messages without either are not walked at all.
 */
export const hasKeysToOrder = perTypeAndRegistry((desc, registry) =>
  reaches(desc, (d) => d.typeName === ANY || d.fields.some((f) => f.fieldKind === 'map'), registry),
);

/** Sorts the map keys and the keys of packed messages in `json` (the JSON of a `desc`) in place. */
export function orderJsonKeys(desc: DescMessage, json: JsonValue, registry: Registry): JsonValue {
  if (!isObject(json) && !Array.isArray(json)) return json;
  switch (desc.typeName) {
    case ANY:
      return isObject(json) ? orderAny(json, registry) : json;
    case STRUCT:
      return isObject(json) ? orderStruct(json) : json;
    case VALUE:
      return orderValue(json);
    case LIST_VALUE:
      return Array.isArray(json) ? json.map(orderValue) : json;
  }
  if (!isObject(json)) return json;
  for (const field of desc.fields) {
    const value = json[field.jsonName];
    if (value === undefined || value === null) continue;
    if (field.fieldKind === 'map') {
      json[field.jsonName] = orderMap(field, value, registry);
    } else if (field.message && hasKeysToOrder(field.message, registry)) {
      json[field.jsonName] = orderEach(field.message, value, registry);
    }
  }
  for (const ext of extensionsOf(desc, registry)) {
    // bufbuild writes an extension under its full name in brackets.
    const key = `[${ext.typeName}]`;
    const value = json[key];
    if (
      ext.message &&
      value !== undefined &&
      value !== null &&
      hasKeysToOrder(ext.message, registry)
    )
      json[key] = orderEach(ext.message, value, registry);
  }
  return json;
}

/** A message field's JSON, or each item of a repeated one's. */
function orderEach(desc: DescMessage, value: JsonValue, registry: Registry): JsonValue {
  return Array.isArray(value)
    ? value.map((item) => orderJsonKeys(desc, item, registry))
    : orderJsonKeys(desc, value, registry);
}

function orderMap(field: DescField, map: JsonValue, registry: Registry): JsonValue {
  if (!isObject(map) || field.fieldKind !== 'map') return map;
  const compare = keyOrder(field.mapKey);
  const valueType = field.mapKind === 'message' ? field.message : undefined;
  const sorted: JsonObject = {};
  for (const key of Object.keys(map).sort(compare)) {
    const value = map[key] as JsonValue;
    setKey(
      sorted,
      key,
      valueType && hasKeysToOrder(valueType, registry)
        ? orderJsonKeys(valueType, value, registry)
        : value,
    );
  }
  return sorted;
}

/** An Any's "@type" first, then the packed message's keys in byte order (grpcurl's jsonpb). */
function orderAny(any: JsonObject, registry: Registry): JsonValue {
  const typeUrl = any['@type'];
  if (typeof typeUrl !== 'string') return any;
  const packed = registry.getMessage(typeUrl.slice(typeUrl.lastIndexOf('/') + 1));
  // An Any of a type nobody knows is grpcurl's {"@error", "@type", "@value"}: already in order.
  if (!packed) return any;
  if (hasCustomJsonRepresentation(packed)) {
    if (any.value !== undefined) any.value = orderJsonKeys(packed, any.value, registry);
    return { '@type': typeUrl, ...withoutType(any) };
  }
  const fields = orderJsonKeys(packed, withoutType(any), registry) as JsonObject;
  const sorted: JsonObject = { '@type': typeUrl };
  for (const key of Object.keys(fields).sort(byUtf8)) setKey(sorted, key, fields[key] as JsonValue);
  return sorted;
}

function withoutType(any: JsonObject): JsonObject {
  const rest: JsonObject = {};
  for (const key of Object.keys(any)) if (key !== '@type') setKey(rest, key, any[key] as JsonValue);
  return rest;
}

function orderStruct(struct: JsonObject): JsonObject {
  const sorted: JsonObject = {};
  for (const key of Object.keys(struct).sort(byUtf8))
    setKey(sorted, key, orderValue(struct[key] as JsonValue));
  return sorted;
}

function orderValue(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(orderValue);
  return isObject(value) ? orderStruct(value) : value;
}

function keyOrder(keyType: ScalarType): (a: string, b: string) => number {
  switch (keyType) {
    case ScalarType.STRING:
      return byUtf8;
    case ScalarType.BOOL:
      return (a, b) => Number(a === 'true') - Number(b === 'true');
    default:
      return byInteger;
  }
}

function byInteger(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * UTF-8 byte order is code point order; JS's `<` compares UTF-16 units, which puts a character
 * above U+FFFF (two surrogate units, 0xD800-0xDFFF) before one in U+E000-U+FFFF.
 */
export function byUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * Adds `key` as an own property. `object[key] = value` with the key "__proto__" (a valid map or
 * Struct key) would set the object's prototype instead and the entry would be lost.
 */
export function setKey(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isObject(json: JsonValue | undefined): json is JsonObject {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}
