// grpcurl's -d accepts several JSON values back to back (a stream); split them without eval.
import type { JsonValue } from '../../../shared/calls/events.js';
import { WorkspaceError } from '../store/workspace-error.js';

export function parseJsonValues(text: string, what: string): JsonValue[] {
  const values: JsonValue[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      } else if (depth === 0 && /\s/.test(c as string)) break;
    }
    const chunk = text.slice(start, i);
    try {
      values.push(JSON.parse(chunk) as JsonValue);
    } catch (error) {
      throw new WorkspaceError(
        `${what}: message ${values.length + 1} is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  return values;
}
