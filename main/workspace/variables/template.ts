// `{{name}}` substitution, strings only. Nothing here evaluates code: a placeholder is either a
// plain variable name looked up in a Map (so `__proto__` or `constructor` are just unknown names)
// or it is left exactly as written. Substituted values are inserted literally, never re-scanned.

// The scanner is shared with the renderer (shared/workspace/placeholders.ts).
import type { UnknownVariable } from '../../../shared/workspace/tree.js';
import { scanPlaceholders, VARIABLE_NAME } from '../../../shared/workspace/placeholders.js';

export { variableNames } from '../../../shared/workspace/placeholders.js';

export type VariableLookup = (name: string) => string | undefined;

export interface SubstituteResult {
  text: string;
  /** Names used but without a value. */
  unknown: string[];
}

export function substituteText(text: string, lookup: VariableLookup): SubstituteResult {
  const unknown: string[] = [];
  if (!text.includes('{{')) return { text, unknown };
  const parts: string[] = [];
  let copied = 0;
  scanPlaceholders(text, ({ start, end, inner }) => {
    if (!VARIABLE_NAME.test(inner)) return;
    const value = lookup(inner);
    if (value === undefined) {
      unknown.push(inner);
      return;
    }
    parts.push(text.slice(copied, start), value);
    copied = end;
  });
  if (copied === 0) return { text, unknown };
  parts.push(text.slice(copied));
  return { text: parts.join(''), unknown };
}

export function report(unknown: string[], where: string, into: UnknownVariable[]): void {
  for (const name of unknown) into.push({ name, where });
}
