// `{{name}}` substitution, strings only. Nothing here evaluates code: a placeholder is either a
// plain variable name looked up in a Map (so `__proto__` or `constructor` are just unknown names)
// or it is left exactly as written. Substituted values are inserted literally, never re-scanned.
import type { UnknownVariable } from '../../../shared/workspace/tree.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** What counts as a variable name; anything else between braces stays literal text. */
const NAME = /^\$?[A-Za-z_][A-Za-z0-9_.-]*$/;

export type VariableLookup = (name: string) => string | undefined;

export interface SubstituteResult {
  text: string;
  /** Names used but without a value. */
  unknown: string[];
}

export function substituteText(text: string, lookup: VariableLookup): SubstituteResult {
  const unknown: string[] = [];
  if (!text.includes('{{')) return { text, unknown };
  const out = text.replace(PLACEHOLDER, (whole, raw: string) => {
    if (!NAME.test(raw)) return whole;
    const value = lookup(raw);
    if (value === undefined) {
      unknown.push(raw);
      return whole;
    }
    return value;
  });
  return { text: out, unknown };
}

/** Every variable name a text refers to (for "which variables does this request need"). */
export function variableNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER))
    if (NAME.test(match[1] ?? '')) names.push(match[1] ?? '');
  return names;
}

export function report(unknown: string[], where: string, into: UnknownVariable[]): void {
  for (const name of unknown) into.push({ name, where });
}
