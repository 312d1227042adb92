import {
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type BinaryReadOptions,
  type DescMessage,
  type JsonReadOptions,
  type Message,
  type JsonWriteOptions,
  type Registry,
} from '@bufbuild/protobuf';
import type { JsonValue } from '../../shared/calls/events.js';
import { CodecError } from './codec-error.js';
import { madeOnce } from '../../shared/json/frozen-json.js';
import { registryWithWellKnownTypes } from './fallback-registry.js';
import { bareReason, locateJsonError, locateMissingRequired } from './locate-json-error.js';
import { hasKeysToOrder, orderJsonKeys } from './map-key-order.js';
import { reaches } from './reaches.js';
import { canHoldAny, setAsideUnknownAnys } from './unknown-any.js';
import type { PackedTypeFinder } from './packed-types.js';
import type { MessageCodec } from './types.js';

export interface MessageCodecOptions {
  /** Skip JSON keys the type does not know instead of failing (grpcurl -allow-unknown-fields). */
  ignoreUnknownFields?: boolean;
  /** Print fields that hold their default value (grpcurl -emit-defaults). */
  emitDefaults?: boolean;
  /** Where to look up the types of Anys the schema lacks (the server's reflection). */
  packedTypes?: PackedTypeFinder;
}

/** Looks up a message type by its full name (a leading dot is allowed) or throws CodecError. */
export function messageDesc(registry: Registry, typeName: string): DescMessage {
  const name = typeName.startsWith('.') ? typeName.slice(1) : typeName;
  const desc = registry.getMessage(name);
  if (desc) return desc;
  const other = registry.get(name);
  throw new CodecError(
    name,
    '',
    other
      ? `${name} is ${other.kind === 'enum' ? 'an enum' : `a ${other.kind}`}, not a message type`
      : `message type ${name} is not in the loaded schema`,
  );
}

/**
 * The proto3 JSON mapping for one type, done by @bufbuild/protobuf. Everything that does not depend
 * on the message (descriptor lookup, option objects) is settled here once, because streams decode
 * tens of thousands of messages a second through the same codec.
 */
export function createMessageCodec(
  registry: Registry,
  typeName: string,
  opts: MessageCodecOptions = {},
): MessageCodec {
  const desc = messageDesc(registry, typeName);
  let anyRegistry = registryWithWellKnownTypes(registry);
  const readJson: Partial<JsonReadOptions> = {
    ignoreUnknownFields: opts.ignoreUnknownFields ?? false,
    registry: anyRegistry,
  };
  const writeJson: Partial<JsonWriteOptions> = {
    alwaysEmitImplicit: opts.emitDefaults ?? false,
    registry: anyRegistry,
  };
  // bufbuild keeps extensions with the unknown fields; where no extension can occur, unknown
  // fields are dropped on the way to JSON anyway and not keeping them saves allocations.
  const readBinary: Partial<BinaryReadOptions> = {
    readUnknownFields: reaches(desc, (d) => d.proto.extensionRange.length > 0),
  };
  const mayHoldAny = canHoldAny(desc, registry);
  // Map keys sorted and Anys' keys in grpcurl's order; types with neither are not walked.
  const orderKeys = hasKeysToOrder(desc, registry);
  const finder = mayHoldAny ? opts.packedTypes : undefined;
  let foundSoFar: Registry = registry;
  /** Takes in the types the finder has found since the last message. */
  const catchUp = (): void => {
    const now = finder?.registry();
    if (now === foundSoFar || now === undefined) return;
    foundSoFar = now;
    anyRegistry = registryWithWellKnownTypes(now);
    readJson.registry = anyRegistry;
    writeJson.registry = anyRegistry;
  };
  // Options that change nothing toJson writes (no Any to look up, no extension kept among the
  // unknown fields, no defaults to emit) are left out: toJson copies them over its defaults on
  // every call, a cost each message of a long stream paid for nothing.
  const writeOptions =
    mayHoldAny || readBinary.readUnknownFields === true || writeJson.alwaysEmitImplicit === true
      ? writeJson
      : undefined;
  const messageOf = (bytes: Uint8Array): Message => {
    try {
      return fromBinary(desc, bytes, readBinary);
    } catch (err) {
      throw new CodecError(
        desc.typeName,
        '',
        `invalid wire data (${bytes.length} bytes): ${errorText(err)}`,
      );
    }
  };
  /** One message to JSON, for a type that cannot hold an Any (no names to note: decodeNoting). */
  const jsonOfBytes = (bytes: Uint8Array): JsonValue => {
    const json = jsonOf(desc, messageOf(bytes), writeOptions);
    return orderKeys ? orderJsonKeys(desc, json, anyRegistry) : json;
  };
  /**
   * One message to JSON, with the names of the Anys (at any depth) whose types the registry lacks;
   * those are shown in grpcurl's {"@error", "@type", "@value"} form. Only a message that bufbuild
   * cannot write (it throws on an unknown Any) is walked for them.
   */
  const decodeNoting = (bytes: Uint8Array): { json: JsonValue; unknownTypes: string[] } => {
    const message = messageOf(bytes);
    try {
      const json = toJson(desc, message, writeJson) as JsonValue;
      return { json: orderKeys ? orderJsonKeys(desc, json, anyRegistry) : json, unknownTypes: [] };
    } catch (err) {
      // The bytes decoded: an Any of a type the schema lacks is shown by itself, as grpcurl
      // does, and the rest of the message as usual.
      const unknown = mayHoldAny ? setAsideUnknownAnys(desc, message, anyRegistry) : undefined;
      if (!unknown)
        throw new CodecError(desc.typeName, '', `cannot be shown as JSON: ${errorText(err)}`);
      const json = jsonOf(desc, message, { ...writeJson, registry: unknown.registry });
      return {
        json: orderJsonKeys(desc, unknown.restore(json), anyRegistry),
        unknownTypes: unknown.typeNames,
      };
    }
  };
  /** The names of unknown Anys in `bytes` nobody has looked up yet (none when it does not decode). */
  const unaskedTypes = (bytes: Uint8Array): string[] => {
    catchUp();
    try {
      return decodeNoting(bytes).unknownTypes.filter((name) => !finder?.asked(name));
    } catch {
      return []; // decode reports it
    }
  };
  // typesToFetch decodes the message to see whether it needs a lookup; when it does not (the
  // usual case), the session's decode of the same bytes right after takes that JSON instead of
  // decoding again.
  let decodedAlready: { bytes: Uint8Array; json: JsonValue } | undefined;
  /**
   * The bytes of each deeply frozen message encoded so far (a saved request's, shared while its
   * file is unchanged: frozen-json.ts): a run sends the same messages run after run, and a frozen
   * message encodes to the same bytes every time with this codec (one schema, one type, one set
   * of options). Not for a type that can hold an Any: what the registry knows of Anys grows as
   * the finder finds types (catchUp). Whoever gets the bytes sends or copies them, never changes
   * them (call-session.ts frames a copy; a secret's mask makes a new buffer).
   */
  const encodedOf = mayHoldAny ? undefined : new WeakMap<object, Uint8Array>();

  return {
    typeName: desc.typeName,
    ...(finder && {
      typesToFetch(bytes: Uint8Array): Promise<void> | undefined {
        decodedAlready = undefined;
        catchUp();
        let first: string[];
        try {
          const { json, unknownTypes } = decodeNoting(bytes);
          first = unknownTypes.filter((name) => !finder.asked(name));
          if (first.length === 0) decodedAlready = { bytes, json };
        } catch {
          return undefined; // decode reports it
        }
        if (first.length === 0) return undefined;
        // Round after round: a type found can pack Anys of types still unknown.
        const rounds = async (names: string[]): Promise<void> => {
          for (let next = names; next.length > 0; next = unaskedTypes(bytes)) {
            await finder.find(next);
          }
        };
        return rounds(first);
      },
    }),
    encode(json: JsonValue): Uint8Array {
      return encodedOf === undefined ? encodeNow(json) : madeOnce(encodedOf, json, encodeNow);
    },
    decode(bytes: Uint8Array): JsonValue {
      const ready = decodedAlready;
      decodedAlready = undefined;
      if (ready?.bytes === bytes) return ready.json;
      if (!mayHoldAny) return jsonOfBytes(bytes);
      if (finder) catchUp();
      return decodeNoting(bytes).json;
    },
  };

  function encodeNow(json: JsonValue): Uint8Array {
    let message;
    try {
      message = fromJson(desc, json, readJson);
    } catch (err) {
      const where = locateJsonError(desc, json, readJson);
      throw new CodecError(desc.typeName, where?.path ?? '', where?.reason ?? bareReason(err));
    }
    try {
      return toBinary(desc, message);
    } catch (err) {
      const where = locateMissingRequired(desc, json);
      throw new CodecError(desc.typeName, where?.path ?? '', where?.reason ?? bareReason(err));
    }
  }
}

function jsonOf(
  desc: DescMessage,
  message: Message,
  opts: Partial<JsonWriteOptions> | undefined,
): JsonValue {
  try {
    return toJson(desc, message, opts) as JsonValue;
  } catch (err) {
    throw new CodecError(desc.typeName, '', `cannot be shown as JSON: ${errorText(err)}`);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
