// Which saved requests a run takes, in order: those under a collection or folder (tree order:
// folders first, then by name, as the sidebar lists them), or one request; then the filter.
import type { TreeNode } from '../../shared/workspace/tree.js';

/** The request paths of a target, in tree order; undefined when the workspace has no such item. */
export function requestsOfTarget(nodes: readonly TreeNode[], target: string): string[] | undefined {
  for (const node of nodes) {
    if (node.path === target) return node.kind === 'request' ? [node.path] : pathsOf(node.children);
    if (node.kind !== 'request' && target.startsWith(`${node.path}/`))
      return requestsOfTarget(node.children, target);
  }
  return undefined;
}

function pathsOf(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'request' ? [n.path] : pathsOf(n.children)));
}

const GLOB_CHARS = /[*?]/;

/**
 * A filter over request paths. With `*` or `?` it is a glob matched against the whole path (`*`
 * and `?` stay within one segment, `**` crosses segments, so `demo/` + `**` + `/get*` picks every request named get… under demo);
 * without them, a
 * case-insensitive substring of the path (`users` picks `demo/users/get` and `demo/get users`).
 */
export function pathFilter(pattern: string): (path: string) => boolean {
  if (!GLOB_CHARS.test(pattern)) {
    const needle = pattern.toLowerCase();
    return (path) => path.toLowerCase().includes(needle);
  }
  const regex = new RegExp(`^${globSource(pattern)}$`);
  return (path) => regex.test(path);
}

function globSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      // `**/` also matches no folder at all: `demo/**/get` matches `demo/get`.
      if (pattern[i + 1] === '/') {
        i++;
        out += '(?:.*/)?';
      } else out += '.*';
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

/**
 * The requests a run takes out of `all` (the target's, in tree order): exactly `paths` in the
 * order given when there are any (a request and the ones it depends on, chosen by the caller), or
 * those the filter picks, or all of them. Throws words naming what is wrong.
 */
export function pickRequests(
  target: string,
  all: readonly string[],
  choice: { paths?: readonly string[]; filter?: string },
): string[] {
  if (choice.paths !== undefined) return explicitPaths(target, all, choice.paths);
  if (choice.filter === undefined) return [...all];
  const picked = all.filter(pathFilter(choice.filter));
  if (picked.length === 0)
    throw new Error(
      `no request of ${target} matches the filter "${choice.filter}" (of ${all.length}: ${all.slice(0, 5).join(', ')}${all.length > 5 ? ', …' : ''})`,
    );
  return picked;
}

function explicitPaths(target: string, all: readonly string[], paths: readonly string[]): string[] {
  const known = new Set(all);
  const seen = new Set<string>();
  paths.forEach((p, i) => {
    if (!known.has(p)) throw new Error(`paths[${i}]: ${p} is not a saved request of ${target}`);
    if (seen.has(p)) throw new Error(`paths[${i}]: ${p} is listed twice`);
    seen.add(p);
  });
  return [...paths];
}
