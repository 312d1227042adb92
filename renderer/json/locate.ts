// A small JSON parser that remembers where each value and key sits in the text, so validation
// issues (which name a path) can be marked at the right place in the editor, and parse errors
// can say line and column.
import type { JsonValue } from '../../shared/calls/events.js';
import type { JsonPath } from '../form/jsonPath.js';

export interface Span {
  from: number;
  to: number;
}
export interface Located {
  value: JsonValue;
  /** key = JSON.stringify(path) */
  values: Map<string, Span>;
  keys: Map<string, Span>;
}
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} at line ${line}, column ${column}`);
  }
}

export const pathKey = (path: JsonPath): string => JSON.stringify(path);

export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

export function locateJson(text: string): Located {
  let i = 0;
  const values = new Map<string, Span>();
  const keys = new Map<string, Span>();
  const fail = (msg: string): never => {
    const { line, column } = lineCol(text, i);
    throw new JsonSyntaxError(msg, i, line, column);
  };
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      if (text[i] === '\n') fail('unterminated string');
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('bad escape in string');
    }
  };
  const val = (path: JsonPath): JsonValue => {
    ws();
    const start = i;
    const c = text[i];
    let v: JsonValue;
    if (c === '{') {
      i++;
      const obj: { [k: string]: JsonValue } = {};
      ws();
      if (text[i] === '}') i++;
      else
        for (;;) {
          ws();
          if (text[i] !== '"') fail('expected a property name in double quotes');
          const ks = i;
          const k = str();
          keys.set(pathKey([...path, k]), { from: ks, to: i });
          ws();
          if (text[i] !== ':') fail('expected ":"');
          i++;
          obj[k] = val([...path, k]);
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail('expected "," or "}"');
        }
      v = obj;
    } else if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') i++;
      else
        for (;;) {
          arr.push(val([...path, arr.length]));
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail('expected "," or "]"');
        }
      v = arr;
    } else if (c === '"') v = str();
    else {
      const m = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(
        text.slice(i, i + 400),
      );
      if (!m) fail(i >= text.length ? 'unexpected end of JSON' : `unexpected "${text[i]}"`);
      const tok = (m as RegExpExecArray)[0];
      i += tok.length;
      // An integer beyond 2^53 keeps its digits as a string, which proto3 JSON accepts for int64.
      v =
        /^-?\d+$/.test(tok) && !Number.isSafeInteger(Number(tok))
          ? tok
          : (JSON.parse(tok) as JsonValue);
    }
    values.set(pathKey(path), { from: start, to: i });
    return v;
  };
  const value = val([]);
  ws();
  if (i < text.length) fail('unexpected text after the JSON value');
  return { value, values, keys };
}
