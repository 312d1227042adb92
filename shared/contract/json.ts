import { z } from 'zod';
import type { JsonValue } from '../calls/events.js';

/** Deeper than protobuf's own recursion limit (100), so no real message is refused. */
const MAX_DEPTH = 128;

/**
 * Explains why a value is not JSON-safe, or returns undefined when it is. Iterative so that a
 * hostile, deeply nested payload cannot overflow the stack; the value is checked in place, not
 * copied, because messages can be megabytes.
 */
export function jsonProblem(value: unknown): { path: (string | number)[]; message: string } | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.value;
    if (item.path.length > MAX_DEPTH) return { path: item.path, message: `nested deeper than ${MAX_DEPTH} levels` };
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path: item.path, message: 'numbers must be finite' };
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ value: v[i], path: [...item.path, i] });
      continue;
    }
    if (typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return { path: item.path, message: 'expected a plain JSON object' };
      for (const key of Object.keys(v)) {
        // An own "__proto__" key (JSON.parse makes one) would turn into a prototype swap in
        // any code that copies with assignment; no protobuf JSON needs it.
        if (key === '__proto__') return { path: [...item.path, key], message: 'the key "__proto__" is not allowed' };
        stack.push({ value: (v as Record<string, unknown>)[key], path: [...item.path, key] });
      }
      continue;
    }
    return { path: item.path, message: `${typeof v} is not a JSON value` };
  }
  return undefined;
}

export const jsonValueSchema = z.unknown().superRefine((value, ctx) => {
  const problem = jsonProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
}) as unknown as z.ZodType<JsonValue>;
