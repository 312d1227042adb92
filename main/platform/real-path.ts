// Where a path really leads, for checks that a file stays inside a folder: every symlink on the
// way is followed, and a path that does not exist yet is its deepest existing parent's real path
// plus the rest (the place a write would land).
import { realpathSync } from 'node:fs';
import path from 'node:path';

export function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(realPathOf(parent), path.basename(absolute));
  }
}

/** Whether `file` is `folder` or under it; both should be real paths (realPathOf). */
export function isInsideFolder(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
