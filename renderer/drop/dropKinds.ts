// What a dropped file is, by its name: a .proto file, a descriptor set, or something the workbench
// does not load (refused, by name). The same extension lists as the file pickers (FILE_EXTENSIONS).
import { FILE_EXTENSIONS } from '../../shared/contract/file-extensions.js';
import {
  MAX_DROPPED_FILES,
  MAX_DROPPED_PROTO_CHARS,
  MAX_DROPPED_SET_BASE64,
  MAX_DROPPED_TOTAL_CHARS,
} from '../../shared/contract/schema-contents-limits.js';

export type DropKind = 'proto' | 'descriptorSet';

export function dropKindOf(name: string): DropKind | null {
  const lower = name.toLowerCase();
  if (FILE_EXTENSIONS.proto.some((e) => lower.endsWith(e))) return 'proto';
  if (FILE_EXTENSIONS.descriptorSet.some((e) => lower.endsWith(e))) return 'descriptorSet';
  return null;
}

/** A dropped file before it is read: the path it was dropped as and its size in bytes. */
export interface DroppedEntry {
  path: string;
  size: number;
}

const MiB = 1024 * 1024;
/** Base64 makes 4 characters of 3 bytes. */
const charsOf = (kind: DropKind, bytes: number): number =>
  kind === 'proto' ? bytes : Math.ceil(bytes / 3) * 4;

/**
 * Why these files cannot go in one drop (schema.loadContents' bounds, said before anything is
 * read), or null. Text is counted by bytes: never fewer than its characters.
 */
export function dropTooBig(entries: { entry: DroppedEntry; kind: DropKind }[]): string | null {
  if (entries.length > MAX_DROPPED_FILES)
    return `${entries.length} files is more than the ${MAX_DROPPED_FILES} one drop may hold: drop the folder the service's files are in, or choose them with Load .proto files…`;
  let total = 0;
  for (const { entry, kind } of entries) {
    const chars = charsOf(kind, entry.size);
    const max = kind === 'proto' ? MAX_DROPPED_PROTO_CHARS : MAX_DROPPED_SET_BASE64;
    if (chars > max)
      return `${entry.path} is ${Math.ceil(entry.size / MiB)} MiB: more than a dropped file may be; choose it with Load .proto files… instead`;
    total += chars;
  }
  if (total > MAX_DROPPED_TOTAL_CHARS)
    return `The dropped files hold ${Math.ceil(total / MiB)} MiB, more than the ${MAX_DROPPED_TOTAL_CHARS / MiB} MiB one drop may hold: choose them with Load .proto files… instead`;
  return null;
}

/** Bytes as base64, in chunks (one String.fromCharCode over megabytes would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** `a.proto`, `b.proto and 3 more`: dropped paths as a sentence names them. */
export function namesOf(paths: string[], shown = 3): string {
  const first = paths.slice(0, shown);
  const more = paths.length - first.length;
  if (more > 0) return `${first.join(', ')} and ${more} more`;
  if (first.length <= 1) return first.join('');
  return `${first.slice(0, -1).join(', ')} and ${first.at(-1)!}`;
}
