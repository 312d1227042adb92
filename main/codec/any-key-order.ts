import type { JsonValue } from '../../shared/calls/events.js';

/**
 * bufbuild writes an Any's "@type" after its fields; readers (and grpcurl) expect it first, and a
 * type URL at the bottom of a long message is easy to miss. Key order carries no meaning, so
 * moving it is safe even inside a Struct.
 */
export function putTypeUrlFirst(json: JsonValue): JsonValue {
  if (Array.isArray(json)) {
    for (let i = 0; i < json.length; i++) json[i] = putTypeUrlFirst(json[i] as JsonValue);
    return json;
  }
  if (json === null || typeof json !== 'object') return json;
  const keys = Object.keys(json);
  if ('@type' in json && keys[0] !== '@type') {
    const reordered: { [key: string]: JsonValue } = { '@type': json['@type'] as JsonValue };
    for (const key of keys)
      if (key !== '@type') reordered[key] = putTypeUrlFirst(json[key] as JsonValue);
    return reordered;
  }
  for (const key of keys) json[key] = putTypeUrlFirst(json[key] as JsonValue);
  return json;
}
