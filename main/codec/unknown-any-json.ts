import type { JsonValue } from '../../shared/calls/events.js';

// Apart from unknown-any.ts so the output formatter can use it without loading a protobuf runtime.

/**
 * grpcurl's JSON for an Any whose type it cannot resolve (keys in grpcurl's order); `value` is the
 * packed bytes in base64. Status details of unknown types are printed this way too.
 */
export function unknownAnyJson(typeUrl: string, value: string): JsonValue {
  const name = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  return {
    '@error': `${name} is not recognized; see @value for raw binary message data`,
    '@type': typeUrl,
    '@value': value,
  };
}
