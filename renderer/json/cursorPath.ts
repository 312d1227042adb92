// Where the cursor is inside (possibly unfinished) JSON: the path of the enclosing value, and
// whether a property name or a value is being typed. Scans text, so broken JSON still works.
import type { JsonPath, PathSegment } from '../form/jsonPath.js';

export interface CursorContext {
  /** Path of the object or array that contains the cursor. */
  container: JsonPath;
  /** 'key': typing a property name; 'value': typing the value of `key` (or an array item). */
  at: 'key' | 'value';
  key: string | null;
  /** Offset where the token being typed starts (its opening quote, if any). */
  from: number;
  inString: boolean;
}

type Frame = { obj: true; key: string | null; expectKey: boolean } | { obj: false; index: number };

export function cursorContext(text: string, pos: number): CursorContext | null {
  const stack: Frame[] = [];
  let strStart = -1;
  let tokenStart = pos;
  for (let i = 0; i < pos; i++) {
    const c = text[i] as string;
    if (strStart >= 0) {
      if (c === '\\') i++;
      else if (c === '"') {
        const top = stack[stack.length - 1];
        if (top?.obj && top.expectKey) {
          try {
            top.key = JSON.parse(text.slice(strStart, i + 1)) as string;
          } catch {
            top.key = text.slice(strStart + 1, i);
          }
        }
        strStart = -1;
      }
      continue;
    }
    if (c === '"') {
      strStart = i;
      tokenStart = i;
    } else if (c === '{') stack.push({ obj: true, key: null, expectKey: true });
    else if (c === '[') stack.push({ obj: false, index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ':') {
      const top = stack[stack.length - 1];
      if (top?.obj) top.expectKey = false;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.obj) {
        top.expectKey = true;
        top.key = null;
      } else if (top) top.index++;
    }
    if (!/[\w.+-]/.test(c) && c !== '"') tokenStart = i + 1;
  }
  if (stack.length === 0) return null;
  const container: PathSegment[] = [];
  for (let i = 0; i < stack.length - 1; i++) {
    const f = stack[i] as Frame;
    if (f.obj) {
      if (f.key === null) return null;
      container.push(f.key);
    } else container.push(f.index);
  }
  const top = stack[stack.length - 1] as Frame;
  const inString = strStart >= 0;
  const from = inString ? strStart : tokenStart;
  if (top.obj)
    return {
      container,
      at: top.expectKey ? 'key' : 'value',
      key: top.expectKey ? null : top.key,
      from,
      inString,
    };
  return { container: [...container, top.index], at: 'value', key: null, from, inString };
}
