import type { DescMessage } from '@bufbuild/protobuf';

/** Whether this type, or any message type reachable through its fields, matches. */
export function reaches(desc: DescMessage, match: (d: DescMessage) => boolean): boolean {
  const seen = new Set<string>();
  const visit = (d: DescMessage): boolean => {
    if (seen.has(d.typeName)) return false;
    seen.add(d.typeName);
    if (match(d)) return true;
    return d.fields.some((field) => field.message !== undefined && visit(field.message));
  };
  return visit(desc);
}
