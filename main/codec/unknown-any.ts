import {
  create,
  createFileRegistry,
  fromBinary,
  getExtension,
  hasExtension,
  setExtension,
  toBinary,
  type DescExtension,
  type DescMessage,
  type Message,
  type Registry,
} from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
  type Any,
} from '@bufbuild/protobuf/wkt';
import type { JsonValue } from '../../shared/calls/events.js';
import { setKey } from './map-key-order.js';
import { reaches } from './reaches.js';
import { extensionsOf, perTypeAndRegistry } from './registry-extensions.js';
import { unknownAnyJson } from './unknown-any-json.js';

// A google.protobuf.Any whose type is not in the loaded schema cannot be turned into JSON by
// bufbuild (it throws for the whole message). grpcurl prints such an Any by itself, with the rest of
// the message intact:
//   {"@error": "pkg.T is not recognized; see @value for raw binary message data",
//    "@type": "type.googleapis.com/pkg.T", "@value": "<base64 of the packed bytes>"}
// So do we: each unknown Any is swapped for a placeholder (a message of a type only this file
// knows, holding the Any's number), bufbuild writes the JSON, and each placeholder is then replaced
// by grpcurl's object. Anys of known types are opened, so an unknown Any packed inside a known one is
// found too.

const PLACEHOLDER_TYPE = 'gwb.internal.UnknownAny';
/** The type URL of a placeholder Any (also used by text-format/message-from-json.ts). */
export const PLACEHOLDER_URL = `type.googleapis.com/${PLACEHOLDER_TYPE}`;

let placeholderDesc: DescMessage | undefined;

/** `message UnknownAny { uint32 index = 1; }`: which of the set-aside Anys this one is. */
export function placeholder(): DescMessage {
  placeholderDesc ??= createFileRegistry(
    create(FileDescriptorProtoSchema, {
      name: 'gwb/internal/unknown_any.proto',
      package: 'gwb.internal',
      syntax: 'proto3',
      messageType: [
        {
          name: 'UnknownAny',
          field: [
            {
              name: 'index',
              number: 1,
              type: FieldDescriptorProto_Type.UINT32,
              label: FieldDescriptorProto_Label.OPTIONAL,
              jsonName: 'index',
            },
          ],
        },
      ],
    }),
    () => undefined,
  ).getMessage(PLACEHOLDER_TYPE);
  if (!placeholderDesc) throw new Error('the UnknownAny placeholder type did not build');
  return placeholderDesc;
}
const ANY = 'google.protobuf.Any';

/** One unknown Any, as it arrived. */
export interface UnknownAny {
  typeUrl: string;
  value: Uint8Array;
}

export interface UnknownAnys {
  /** The full names of the unknown types, in the order found. */
  typeNames: string[];
  /** Resolves the placeholders as empty messages; everything else from the given registry. */
  registry: Registry;
  /** Replaces each placeholder in bufbuild's JSON by grpcurl's object for that Any. */
  restore(json: JsonValue): JsonValue;
}

/**
 * Swaps every Any (at any depth) whose type `registry` does not know for a placeholder, in place.
 * Returns undefined when there is none (the JSON failed for another reason).
 */
export function setAsideUnknownAnys(
  desc: DescMessage,
  message: Message,
  registry: Registry,
): UnknownAnys | undefined {
  const found: UnknownAny[] = [];
  visitMessage(reflect(desc, message), registry, found);
  if (found.length === 0) return undefined;
  return {
    typeNames: found.map(({ typeUrl }) => typeUrl.slice(typeUrl.lastIndexOf('/') + 1)),
    registry: withPlaceholders(registry),
    restore: (json) => restorePlaceholders(json, found),
  };
}

/**
 * Whether `desc` can hold an Any anywhere below it (only such messages are walked); with the
 * registry it is read with, also through the extensions that registry knows.
 */
export const canHoldAny = perTypeAndRegistry((desc, registry) =>
  reaches(desc, (d) => d.typeName === ANY, registry),
);

/** Returns whether anything below `msg` was replaced. */
function visitMessage(msg: ReflectMessage, registry: Registry, found: UnknownAny[]): boolean {
  return visitAnyHolders(msg, registry, (child) => visitChild(child, registry, found));
}

/**
 * Calls `visit` on each message right below `msg` that can hold an Any: in its fields, lists, map
 * values, and in the extensions `registry` knows. Returns whether any visit changed something. An
 * extension is read out of the unknown fields, where bufbuild keeps it, and put back when changed.
 */
export function visitAnyHolders(
  msg: ReflectMessage,
  registry: Registry,
  visit: (child: ReflectMessage) => boolean,
): boolean {
  let changed = false;
  for (const field of msg.fields) {
    if (!field.message || !msg.isSet(field) || !canHoldAny(field.message, registry)) continue;
    if (field.fieldKind === 'message') {
      changed = visit(msg.get(field)) || changed;
    } else if (field.fieldKind === 'list') {
      for (const item of msg.get(field)) changed = visit(item as ReflectMessage) || changed;
    } else if (field.fieldKind === 'map') {
      for (const value of msg.get(field).values())
        changed = visit(value as ReflectMessage) || changed;
    }
  }
  for (const ext of extensionsOf(msg.desc, registry)) {
    const type = ext.message;
    if (!type || !canHoldAny(type, registry) || !hasExtension(msg.message, ext)) continue;
    const value = extensionValue(msg.message, ext);
    if (value === undefined) continue; // bytes that do not read as it: left for toJson to report
    let inThis = false;
    for (const child of (Array.isArray(value) ? value : [value]) as Message[])
      inThis = visit(reflect(type, child)) || inThis;
    if (inThis) setExtension(msg.message, ext, value as never);
    changed = inThis || changed;
  }
  return changed;
}

/** An extension's value read out of the unknown fields; undefined when its bytes do not read. */
function extensionValue(message: Message, ext: DescExtension): unknown {
  try {
    return getExtension(message, ext);
  } catch {
    return undefined;
  }
}

function visitChild(child: ReflectMessage, registry: Registry, found: UnknownAny[]): boolean {
  if (child.desc.typeName !== ANY) return visitMessage(child, registry, found);
  const any = child.message as Any;
  if (any.typeUrl === '') return false;
  const packed = registry.getMessage(any.typeUrl.slice(any.typeUrl.lastIndexOf('/') + 1));
  if (!packed) {
    found.push({ typeUrl: any.typeUrl, value: any.value });
    const desc = placeholder();
    any.typeUrl = PLACEHOLDER_URL;
    any.value = toBinary(desc, create(desc, { index: found.length - 1 }));
    return true;
  }
  if (!canHoldAny(packed, registry)) return false;
  let inner;
  try {
    inner = fromBinary(packed, any.value);
  } catch {
    return false; // bytes that do not decode: left for toJson to report
  }
  if (!visitMessage(reflect(packed, inner), registry, found)) return false;
  any.value = toBinary(packed, inner);
  return true;
}

/** `registry` that also knows the placeholder type. */
export function withPlaceholders(registry: Registry): Registry {
  const isPlaceholder = (name: string) => name === PLACEHOLDER_TYPE;
  return {
    kind: 'registry',
    [Symbol.iterator]: () => registry[Symbol.iterator](),
    get: (name) => (isPlaceholder(name) ? placeholder() : registry.get(name)),
    getMessage: (name) => (isPlaceholder(name) ? placeholder() : registry.getMessage(name)),
    getEnum: (name) => registry.getEnum(name),
    getExtension: (name) => registry.getExtension(name),
    getExtensionFor: (extendee, no) => registry.getExtensionFor(extendee, no),
    getService: (name) => registry.getService(name),
  };
}

function restorePlaceholders(json: JsonValue, found: readonly UnknownAny[]): JsonValue {
  if (Array.isArray(json)) return json.map((item) => restorePlaceholders(item, found));
  if (json === null || typeof json !== 'object') return json;
  if (json['@type'] === PLACEHOLDER_URL) {
    const any = found[typeof json.index === 'number' ? json.index : 0];
    if (any) return unknownAnyJson(any.typeUrl, Buffer.from(any.value).toString('base64'));
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(json))
    setKey(out, key, restorePlaceholders(value, found));
  return out;
}
