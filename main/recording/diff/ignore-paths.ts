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
  return trackedIgnoreMatcher(patterns).matcher;
}

export interface TrackedIgnore {
  matcher: IgnoreMatcher;
  /** The patterns (as given) that have matched no path the matcher was asked about. */
  unmatched(): string[];
}

/**
 * An ignore matcher that also notes which patterns matched something: a pattern that matches no
 * field of a whole comparison is almost always a typo, and it must not quietly ignore nothing.
 * Every path of both sides is asked about (see diffJson), so "never matched" is exact.
 */
export function trackedIgnoreMatcher(patterns: readonly string[]): TrackedIgnore {
  const given = patterns.filter((p) => p.trim() !== '');
  const compiled = given.map((p) => splitPath(p.trim()));
  const used = compiled.map(() => false);
  const matcher: IgnoreMatcher = (path) => {
    let hit = false;
    for (let i = 0; i < compiled.length; i++) {
      // Once one pattern matched, only the ones not yet seen matching need trying.
      if (hit && used[i]) continue;
      if (matches(compiled[i]!, path)) used[i] = hit = true;
    }
    return hit;
  };
  return { matcher, unmatched: () => given.filter((_, i) => !used[i]) };
}

/** ['items', '0', 'id'] → `items[0].id`: recorded paths are strings, digits are indexes. */
export function formatPath(path: readonly string[]): string {
  return formatShown(
    path.map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
    '(whole message)',
  );
}
