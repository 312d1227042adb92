import { z } from 'zod';
import type { JsonValue } from '../calls/events.js';

/**
 * A hand-written check instead of a recursive zod union: bodies and event logs are big trees, and
 * a workspace opens thousands of files, where zod's per-node union dispatch was most of the time.
 */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (depth > 200) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!isJsonValue(item, depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) {
        if (
          Object.prototype.hasOwnProperty.call(value, key) &&
          !isJsonValue((value as Record<string, unknown>)[key], depth + 1)
        )
          return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** Any JSON value (the request body, option values, events). */
export const JsonValueSchema: z.ZodType<JsonValue> = z.custom<JsonValue>(
  (value) => isJsonValue(value),
  {
    message: 'must be plain JSON (no undefined, functions, NaN, Infinity or class instances)',
  },
);
