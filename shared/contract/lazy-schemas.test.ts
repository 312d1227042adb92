import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isBuilt, isLazySchema } from '../request/lazy-schema.js';

// Vite's glob import (vitest): every module of the two folders, a new one included.
declare global {
  interface ImportMeta {
    glob(patterns: string[], options: { eager: true }): Record<string, Record<string, unknown>>;
  }
}

// The modules whose schemas gwb would otherwise build at every start: the request document's and
// the contract's. Their exported schemas are declared with lazySchema and built when first used.
const modules = import.meta.glob(
  ['../request/*.ts', './*.ts', '!**/*.test.ts', '!**/*.testkit.ts'],
  {
    eager: true,
  },
);

/** Declared in shared/json and shared/calls, outside these folders; the contract re-exports them. */
const DECLARED_ELSEWHERE = new Set([
  'jsonValueSchema',
  'callKindSchema',
  'metadataEntrySchema',
  'statusCodeNameSchema',
]);

/** Every exported value of those modules named like a schema (loading them ran nothing else). */
function exportedSchemas(): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [file, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports))
      if (/schema$/i.test(name) && typeof value !== 'function' && !DECLARED_ELSEWHERE.has(name))
        found.set(`${file} ${name}`, value);
  }
  return found;
}

describe('the request document and contract schemas are built on first use', () => {
  it('loading the modules builds none of them; each is a schema once used', () => {
    const schemas = exportedSchemas();
    expect(schemas.size).toBeGreaterThan(20);
    const eager = [...schemas].filter(([, s]) => !isLazySchema(s)).map(([name]) => name);
    // An exported `z.object(…)` is built whenever the module loads (gwb list would pay for it):
    // declare it with lazySchema(() => z.object(…)).
    expect(eager).toEqual([]);
    const built = [...schemas].filter(([, s]) => isBuilt(s)).map(([name]) => name);
    expect(built).toEqual([]);
    for (const schema of schemas.values()) expect(schema).toBeInstanceOf(z.ZodType);
  });
});
