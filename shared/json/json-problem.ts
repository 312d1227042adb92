// The one check that a value is plain JSON (what crosses every wire and is saved in every file).
// No zod here: the renderer bundle uses it too.
import type { JsonValue } from '../calls/events.js';

/** Deeper than protobuf's own recursion limit (100), so no real message is refused. */
const MAX_DEPTH = 128;

/**
 * Explains why a value is not JSON-safe, or returns undefined when it is. Iterative so that a
 * hostile, deeply nested payload cannot overflow the stack; the value is checked in place, not
 * copied, because messages can be megabytes.
 */
export function jsonProblem(
  value: unknown,
): { path: (string | number)[]; message: string } | undefined {
  // Entries point at their parent instead of carrying a full path: a message with a million
  // repeated elements must not allocate a million path arrays just to be checked.
  interface Item {
    value: unknown;
    key: string | number | undefined;
    parent: Item | undefined;
    depth: number;
  }
  const pathOf = (item: Item): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let at: Item | undefined = item; at && at.key !== undefined; at = at.parent)
      path.unshift(at.key);
    return path;
  };
  const stack: Item[] = [{ value, key: undefined, parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.value;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path: pathOf(item), message: 'numbers must be finite' };
      continue;
    }
    if (typeof v !== 'object')
      return { path: pathOf(item), message: `${typeof v} is not a JSON value` };
    if (item.depth >= MAX_DEPTH)
      return { path: pathOf(item), message: `nested deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], key: i, parent: item, depth: item.depth + 1 });
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null)
      return { path: pathOf(item), message: 'expected a plain JSON object' };
    for (const key of Object.keys(v)) {
      const child: Item = {
        value: (v as Record<string, unknown>)[key],
        key,
        parent: item,
        depth: item.depth + 1,
      };
      // An own "__proto__" key (JSON.parse makes one) would turn into a prototype swap in
      // any code that copies with assignment; no protobuf JSON needs it.
      if (key === '__proto__')
        return { path: pathOf(child), message: 'the key "__proto__" is not allowed' };
      stack.push(child);
    }
  }
  return undefined;
}

/** Whether `value` is plain JSON: the same rules as `jsonProblem`, for when no reason is needed. */
export function isJsonValue(value: unknown): value is JsonValue {
  return jsonProblem(value) === undefined;
}
