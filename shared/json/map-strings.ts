// One walk for "every string in a JSON value, keys included": the engine puts secrets back into a
// masked request with it, the renderer fills plain variables into a copied command with it.
import type { JsonValue } from '../calls/events.js';

/**
 * A copy of `value` with `text` applied to every string and every object key. Keys are defined,
 * never assigned, so a key such as `__proto__` stays a plain key and changes no prototype.
 */
export function mapJsonStrings(value: JsonValue, text: (s: string) => string): JsonValue {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((item) => mapJsonStrings(item, text));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value))
      Object.defineProperty(out, text(key), {
        value: mapJsonStrings(item, text),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return value;
}
