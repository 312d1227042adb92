import { formatPath as formatShown } from '../../../shared/json/format-path.js';
/**
 * Paths of fields to leave out of a diff, written the way differences are reported:
 * `at`, `items[*].id`, `fields.pid`, `headers.x-request-id`, `status.message`. `*` (or `[*]`)
 * matches any one key or index, `**` any number of them; a path also covers everything under it.
 */
export type IgnoreMatcher = (path: readonly string[]) => boolean;

/** `a.b[0].c` → ['a', 'b', '0', 'c']; `[*]` → '*'. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split('.')) {
    const re = /\[([^\]]*)\]/g;
    const head = part.replace(re, '');
    if (head !== '') out.push(head);
    for (let m = re.exec(part); m; m = re.exec(part)) out.push(m[1] as string);
  }
  return out;
}

function matches(pattern: readonly string[], path: readonly string[], pi = 0, si = 0): boolean {
  if (pi === pattern.length) return true; // the rest of the path is under the ignored field
  const p = pattern[pi];
  if (p === '**') {
    for (let k = si; k <= path.length; k++) if (matches(pattern, path, pi + 1, k)) return true;
    return false;
  }
  if (si === path.length) return false;
  return (p === '*' || p === path[si]) && matches(pattern, path, pi + 1, si + 1);
}

export function ignoreMatcher(patterns: readonly string[]): IgnoreMatcher {
  const compiled = patterns.filter((p) => p.trim() !== '').map((p) => splitPath(p.trim()));
  if (compiled.length === 0) return () => false;
  return (path) => compiled.some((pattern) => matches(pattern, path));
}

/** ['items', '0', 'id'] → `items[0].id`: recorded paths are strings, digits are indexes. */
export function formatPath(path: readonly string[]): string {
  return formatShown(
    path.map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
    '(whole message)',
  );
}
