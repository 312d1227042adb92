// A zod schema built the first time it is used. Building schemas is most of what loading the
// request document and the contract costs, and a process uses few of them: `gwb list` never
// builds a recording's schema. The value stands for the schema it builds (same type, same
// methods, `instanceof z.ZodType` holds), so each schema is still declared once, where it is
// named, and validated exactly as before; only WHEN it is built changes.
import type { z } from 'zod';

const states = new WeakMap<object, { built: z.ZodType | undefined }>();

export function lazySchema<T extends z.ZodType>(build: () => T): T {
  const state: { built: T | undefined } = { built: undefined };
  const real = (): T => (state.built ??= build());
  // Only the traps that read or write through are forwarded: own keys and descriptors stay the
  // (empty) target's, which keeps the Proxy's invariants whatever the built schema defines.
  const stand = new Proxy(Object.create(null) as object, {
    get: (_t, key) => Reflect.get(real(), key),
    set: (_t, key, value) => Reflect.set(real(), key, value),
    has: (_t, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  }) as T;
  states.set(stand, state);
  return stand;
}

/** Whether `schema` was declared with lazySchema (tests: nothing is built before it is used). */
export function isLazySchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && states.has(schema);
}

/** Whether a lazySchema has been built; false for one that was not declared lazily. */
export function isBuilt(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && states.get(schema)?.built !== undefined;
}
