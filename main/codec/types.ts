import type { JsonValue } from '../../shared/calls/events.js';

/**
 * Turns one message type's proto3 JSON into wire bytes and back. Calls work on bytes so that
 * sizes are exact and recordings can keep the raw payload; the JSON mapping lives in one place.
 */
export interface MessageCodec {
  /** Full message type name, no leading dot. */
  readonly typeName: string;
  /** Throws CodecError naming the field path when the JSON does not fit the type. */
  encode(json: JsonValue): Uint8Array;
  /** Throws CodecError when the bytes are not a valid message of the type. */
  decode(bytes: Uint8Array): JsonValue;
  /**
   * Present when the schema can look up types it lacks (server reflection): for bytes holding Anys
   * of types not looked up yet, the lookup to await before `decode`; otherwise undefined.
   */
  typesToFetch?(bytes: Uint8Array): Promise<void> | undefined;
}
