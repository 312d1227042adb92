import type { DescMessage, Registry } from '@bufbuild/protobuf';
import { extensionsOf } from './registry-extensions.js';

/**
 * Whether this type, or any message type reachable through its fields, matches; with a registry,
 * also through the extensions it knows (registry-extensions.ts).
 */
export function reaches(
  desc: DescMessage,
  match: (d: DescMessage) => boolean,
  registry?: Registry,
): boolean {
  const seen = new Set<string>();
  const visit = (d: DescMessage): boolean => {
    if (seen.has(d.typeName)) return false;
    seen.add(d.typeName);
    if (match(d)) return true;
    if (d.fields.some((field) => field.message !== undefined && visit(field.message))) return true;
    if (!registry) return false;
    return extensionsOf(d, registry).some((ext) => ext.message !== undefined && visit(ext.message));
  };
  return visit(desc);
}
