// Immutable edits of a JSON value at a path. The request draft is one JSON value; the form and
// the JSON editor both edit it, so every form edit is a path update on that value.
import type { JsonValue } from '../../shared/calls/events.js';

export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];
export type JsonObject = { [key: string]: JsonValue };

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getAt(root: JsonValue | undefined, path: JsonPath): JsonValue | undefined {
  let cur: JsonValue | undefined = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isObject(cur)) return undefined;
      cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    }
  }
  return cur;
}

/** Returns a copy of root with the value at path replaced (undefined removes an object key). */
export function setAt(
  root: JsonValue | undefined,
  path: JsonPath,
  value: JsonValue | undefined,
): JsonValue {
  if (path.length === 0) return value === undefined ? null : value;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  if (typeof head === 'number') {
    const arr = Array.isArray(root) ? root.slice() : [];
    if (rest.length === 0 && value === undefined) {
      arr.splice(head, 1);
      return arr;
    }
    arr[head] = setAt(arr[head], rest, value);
    return arr;
  }
  const obj: JsonObject = isObject(root) ? { ...root } : {};
  if (rest.length === 0 && value === undefined) {
    delete obj[head];
    return obj;
  }
  obj[head] = setAt(obj[head], rest, value);
  return obj;
}

/** Moves array element `from` to index `to` (for reordering repeated fields). */
export function moveItem(list: readonly JsonValue[], from: number, to: number): JsonValue[] {
  const copy = list.slice();
  if (from < 0 || from >= copy.length || to < 0 || to >= copy.length) return copy;
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as JsonValue);
  return copy;
}

/** How paths are shown in errors: the one formatter, in shared/. */
export { formatPath } from '../../shared/json/format-path.js';

/** Renames an object key in place of the old one (map rows keep their order while a key is typed). */
export function renameKey(obj: JsonObject, from: string, to: string): JsonObject {
  if (from === to) return obj;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === from) out[to] = v;
    else if (k !== to) out[k] = v;
  }
  return out;
}
