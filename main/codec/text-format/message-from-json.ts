import {
  fromBinary,
  fromJson,
  toBinary,
  type DescMessage,
  type Message,
  type Registry,
} from '@bufbuild/protobuf';
import { reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import type { Any } from '@bufbuild/protobuf/wkt';
import type { JsonValue } from '../../../shared/calls/events.js';
import {
  canHoldAny,
  PLACEHOLDER_URL,
  placeholder,
  withPlaceholders,
  visitAnyHolders,
  type UnknownAny,
} from '../unknown-any.js';

// A response reaches the text printer as proto3 JSON, where an Any of a type the schema lacks is
// grpcurl's `{"@error", "@type", "@value"}` object, which bufbuild's fromJson cannot read back
// (the type is not in the registry). Each such object is swapped for a placeholder Any (a type only
// unknown-any.ts knows, holding the object's number), fromJson builds the message, and each placeholder
// is then turned back into the Any as it arrived: its type URL and its packed bytes.

const ANY = 'google.protobuf.Any';

/** The message `json` (proto3 JSON of `desc`) stands for, unknown Anys included. */
export function messageFromJson(desc: DescMessage, json: JsonValue, registry: Registry): Message {
  const found: UnknownAny[] = [];
  const swapped = swapUnknownAnys(json, found);
  if (found.length === 0) return fromJson(desc, json, { registry });
  const message = fromJson(desc, swapped, { registry: withPlaceholders(registry) });
  restoreMessage(reflect(desc, message), registry, found);
  return message;
}

/** grpcurl's object for an unknown Any: exactly @error, @type and @value. */
function isUnknownAnyJson(json: { [key: string]: JsonValue }): boolean {
  const keys = Object.keys(json);
  return (
    keys.length === 3 &&
    typeof json['@error'] === 'string' &&
    typeof json['@type'] === 'string' &&
    typeof json['@value'] === 'string'
  );
}

function swapUnknownAnys(json: JsonValue, found: UnknownAny[]): JsonValue {
  if (Array.isArray(json)) return json.map((item) => swapUnknownAnys(item, found));
  if (json === null || typeof json !== 'object') return json;
  if (isUnknownAnyJson(json)) {
    found.push({
      typeUrl: json['@type'] as string,
      value: new Uint8Array(Buffer.from(json['@value'] as string, 'base64')),
    });
    return { '@type': PLACEHOLDER_URL, index: found.length - 1 };
  }
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(json)) out[key] = swapUnknownAnys(value, found);
  return out;
}

/** Returns whether anything below `msg` was restored. */
function restoreMessage(msg: ReflectMessage, registry: Registry, found: UnknownAny[]): boolean {
  return visitAnyHolders(msg, registry, (child) => restoreChild(child, registry, found));
}

function restoreChild(child: ReflectMessage, registry: Registry, found: UnknownAny[]): boolean {
  if (child.desc.typeName !== ANY) return restoreMessage(child, registry, found);
  const any = child.message as Any;
  if (any.typeUrl === PLACEHOLDER_URL) {
    const desc = placeholder();
    const { index } = fromBinary(desc, any.value) as Message & { index: number };
    const original = found[index];
    if (!original) throw new Error(`unknown Any placeholder ${index} has no original`);
    any.typeUrl = original.typeUrl;
    any.value = original.value;
    return true;
  }
  // A known Any was packed by fromJson, an unknown one inside it as a placeholder: open it.
  const packed = registry.getMessage(any.typeUrl.slice(any.typeUrl.lastIndexOf('/') + 1));
  if (!packed || !canHoldAny(packed, registry)) return false;
  const inner = fromBinary(packed, any.value);
  if (!restoreMessage(reflect(packed, inner), registry, found)) return false;
  any.value = toBinary(packed, inner);
  return true;
}
