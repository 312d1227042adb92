import type { JsonValue } from '../../../shared/calls/events.js';
import { formatPath, type IgnoreMatcher } from './ignore-paths.js';

export interface FieldDifference {
  /** e.g. `items[2].name`; `(whole message)` when the values differ at the top. */
  path: string;
  /** The value in the first recording; undefined when the field is absent there. */
  a?: JsonValue;
  b?: JsonValue;
}

type Walk = { a: JsonValue | undefined; b: JsonValue | undefined; path: string[] };

const isObject = (v: JsonValue | undefined): v is { [key: string]: JsonValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Structural difference of two JSON values: the paths where they differ, leaves first found
 * first. Iterative (no stack overflow on deep messages); at most `limit` differences are kept, but
 * the walk goes on, so `ignore` is asked about every path of both values (it notes which ignore
 * patterns matched anything).
 */
export function diffJson(
  a: JsonValue | undefined,
  b: JsonValue | undefined,
  ignore: IgnoreMatcher,
  prefix: string[] = [],
  limit = 50,
): FieldDifference[] {
  const out: FieldDifference[] = [];
  const stack: Walk[] = [{ a, b, path: prefix }];
  while (stack.length > 0) {
    const { a: x, b: y, path } = stack.pop() as Walk;
    if (path.length > 0 && ignore(path)) continue;
    // Equal values differ nowhere, but an object shared by both sides is still walked for `ignore`.
    if (x === y && (typeof x !== 'object' || x === null)) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      for (let i = Math.max(x.length, y.length) - 1; i >= 0; i--)
        stack.push({ a: x[i], b: y[i], path: [...path, String(i)] });
      continue;
    }
    if (isObject(x) && isObject(y)) {
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].reverse();
      for (const k of keys) stack.push({ a: x[k], b: y[k], path: [...path, k] });
      continue;
    }
    if (out.length >= limit) continue;
    const diff: FieldDifference = { path: formatPath(path) };
    if (x !== undefined) diff.a = x;
    if (y !== undefined) diff.b = y;
    out.push(diff);
  }
  return out;
}
