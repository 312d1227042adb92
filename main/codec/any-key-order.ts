import type { DescMessage } from '@bufbuild/protobuf';
import type { JsonValue } from '../../shared/calls/events.js';

/** Whether a message of this type can contain a google.protobuf.Any anywhere below it. */
export function reachesAny(desc: DescMessage): boolean {
  const seen = new Set<string>();
  const visit = (d: DescMessage): boolean => {
    if (d.typeName === 'google.protobuf.Any') return true;
    if (seen.has(d.typeName)) return false;
    seen.add(d.typeName);
    for (const field of d.fields) {
      const sub = field.message;
      if (sub && visit(sub)) return true;
    }
    return false;
  };
  return visit(desc);
}

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
