// `{{name}}` substitution, strings only. Nothing here evaluates code: a placeholder is either a
// plain variable name looked up in a Map (so `__proto__` or `constructor` are just unknown names)
// or it is left exactly as written. Substituted values are inserted literally, never re-scanned.
// The scanner and the substitution are shared with the renderer (shared/workspace/placeholders.ts).
import type { UnknownVariable } from '../../../shared/workspace/tree.js';

export {
  substituteText,
  variableNames,
  type SubstituteResult,
  type VariableLookup,
} from '../../../shared/workspace/placeholders.js';

export function report(unknown: string[], where: string, into: UnknownVariable[]): void {
  for (const name of unknown) into.push({ name, where });
}
