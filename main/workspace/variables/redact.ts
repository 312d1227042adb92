import type { JsonValue } from '../../../shared/calls/events.js';

/** Replaces every occurrence of a secret value in every string (keys included) with `[secret:NAME]`. */
export function redactSecrets<T extends JsonValue>(
  value: T,
  secrets: ReadonlyMap<string, string>,
): T {
  const pairs = [...secrets]
    .filter(([, secret]) => secret.length > 0)
    .sort((a, b) => b[1].length - a[1].length);
  if (pairs.length === 0) return value;
  const text = (s: string): string => {
    let out = s;
    for (const [name, secret] of pairs)
      if (out.includes(secret)) out = out.split(secret).join(`[secret:${name}]`);
    return out;
  };
  const walk = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: { [key: string]: JsonValue } = {};
      for (const [k, item] of Object.entries(v))
        Object.defineProperty(out, text(k), {
          value: walk(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
