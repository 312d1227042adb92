// "Run with dependencies" (issue 15 §2): a request and the requests before it in its folder that
// capture a variable it uses ({{token}}), and theirs in turn. The engine's runner takes one path
// filter (a substring, or a glob with * and ?), not a list of paths, so this finds a glob that
// picks exactly those requests of the folder when there is one; otherwise the folder's requests up
// to the target run (a superset, said to the user).
import type { RequestDocument } from '../../shared/request/index.js';
import { variableNames } from '../../shared/workspace/placeholders.js';

export interface DependencyPlan {
  /** The requests to run, in folder order, the target last. */
  paths: string[];
  /** The filter passed to runner.start (absent: the target is one request, run alone). */
  filter?: string;
  /** Requests the filter also runs that are not dependencies (none when it is exact). */
  extra: string[];
}

/** Variables a document uses anywhere ({{name}} in address, metadata, messages, auth). */
export function usedVariables(doc: RequestDocument): Set<string> {
  const { captures: _captures, assertions: _assertions, ...rest } = doc;
  return new Set(variableNames(JSON.stringify(rest)));
}

/**
 * The dependencies of `siblings[targetIndex]` among the requests before it: each that captures a
 * variable a later chosen one uses. Walks back from the target so a dependency's own needs count.
 */
export function dependencyPaths(
  siblings: readonly { path: string; doc: RequestDocument }[],
  targetIndex: number,
): string[] {
  const target = siblings[targetIndex];
  if (!target) return [];
  const needed = usedVariables(target.doc);
  const chosen = [target.path];
  for (let i = targetIndex - 1; i >= 0; i--) {
    const s = siblings[i];
    if (!s) continue;
    const captures = (s.doc.captures ?? []).map((c) => c.name);
    if (!captures.some((n) => needed.has(n))) continue;
    chosen.unshift(s.path);
    for (const n of captures) needed.delete(n);
    for (const n of usedVariables(s.doc)) needed.add(n);
  }
  return chosen;
}

/** The engine's filter rule (main/runner/run-plan.ts pathFilter), to check a candidate here. */
export function matchesFilter(pattern: string, path: string): boolean {
  if (!/[*?]/.test(pattern)) return path.toLowerCase().includes(pattern.toLowerCase());
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      source += '.*';
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(path);
}

const commonPrefix = (a: string, b: string): string => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
};

/** Globs that could pick `paths`: each differing character as `?`, then prefix*suffix. */
function candidates(paths: readonly string[]): string[] {
  const first = paths[0] ?? '';
  const out: string[] = [];
  if (paths.every((p) => p.length === first.length))
    out.push(
      [...first].map((c, i) => (paths.every((p) => p[i] === c) ? c : c === '/' ? c : '?')).join(''),
    );
  const prefix = paths.reduce(commonPrefix, first);
  const rev = (s: string): string => [...s].reverse().join('');
  const suffix = rev(paths.map(rev).reduce(commonPrefix, rev(first)));
  const tail = suffix.length > first.length - prefix.length ? '' : suffix;
  out.push(`${prefix}*${tail}`);
  // A pattern without * or ? would be a substring: keep every candidate a glob.
  return out.filter((g) => /[*?]/.test(g));
}

/** How to run `chosen` (paths in folder order) when `all` are the requests the target holds. */
export function planDependencies(chosen: string[], all: readonly string[]): DependencyPlan {
  if (chosen.length === 1) return { paths: chosen, extra: [] };
  const wanted = new Set(chosen);
  let best: DependencyPlan | null = null;
  for (const glob of candidates(chosen)) {
    const picked = all.filter((p) => matchesFilter(glob, p));
    if (!chosen.every((p) => picked.includes(p))) continue;
    const extra = picked.filter((p) => !wanted.has(p));
    if (!best || extra.length < best.extra.length) best = { paths: chosen, filter: glob, extra };
  }
  return best ?? { paths: chosen, extra: all.filter((p) => !wanted.has(p)) };
}
