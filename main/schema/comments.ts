import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';

/**
 * Comments keyed by SourceCodeInfo path (`4,0,2,1`). Every source stores comments the protoc way
 * (files via our converter, descriptor sets with --include_source_info, reflection servers that keep
 * them), so reading them back from here works the same for all.
 */
export type CommentIndex = Map<string, string>;

export function indexComments(file: FileDescriptorProto): CommentIndex {
  const index: CommentIndex = new Map();
  for (const loc of file.sourceCodeInfo?.location ?? []) {
    const raw = loc.leadingComments || loc.trailingComments;
    if (!raw) continue;
    const text = cleanComment(raw);
    if (text) index.set(loc.path.join(','), text);
  }
  return index;
}

/** Drops the one space protoc keeps after `//` and surrounding blank lines. */
export function cleanComment(raw: string): string {
  const lines = raw
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => (l.startsWith(' ') ? l.slice(1) : l).trimEnd());
  while (lines.length && !lines[0]) lines.shift();
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  return lines.join('\n');
}
