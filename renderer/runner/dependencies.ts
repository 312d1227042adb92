// "Run with dependencies" (issue 15 §2): a request and the requests before it in its folder that
// capture a variable it uses ({{token}}), and theirs in turn. runner.start runs exactly that list
// (its `paths` input), in folder order. The engine does not work the list out: it is found here
// from the saved documents the renderer reads anyway, and the dialog shows it before the run.
import type { RequestDocument } from '../../shared/request/index.js';
import { variableNames } from '../../shared/workspace/placeholders.js';

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
