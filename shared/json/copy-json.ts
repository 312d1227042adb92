// A deep copy of a JSON value (what JSON.parse(JSON.stringify(value)) gives, without writing and
// reading the text back: a kept request is copied for each reader, a run reads one per call).
import type { JsonValue } from '../calls/events.js';

function copyArray(value: readonly unknown[]): JsonValue[] {
  const out = new Array<JsonValue>(value.length);
  // As JSON does: a hole or undefined in a list is null.
  for (let i = 0; i < value.length; i++) out[i] = (copyJson(value[i]) ?? null) as JsonValue;
  return out;
}

function copyObject(value: object): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    // As JSON does: a key holding undefined is left out.
    if (item === undefined) continue;
    // Defined, never assigned: a key such as `__proto__` stays a plain key and changes no prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: copyJson(item) as JsonValue,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = copyJson(item) as JsonValue;
  }
  return out;
}

/** A copy of `value` sharing nothing with it; `value` must be JSON data (plain objects, lists, scalars). */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  return (Array.isArray(value) ? copyArray(value) : copyObject(value)) as T;
}
