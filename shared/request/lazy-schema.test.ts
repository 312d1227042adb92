import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isBuilt, isLazySchema, lazySchema } from './lazy-schema.js';

describe('lazySchema', () => {
  it('builds nothing when declared, then once, and is the schema it builds', () => {
    let builds = 0;
    const Item = lazySchema(() => {
      builds++;
      return z.strictObject({ name: z.string().max(3) });
    });
    const List = lazySchema(() => z.object({ first: Item.optional(), all: z.array(Item) }));
    expect(builds).toBe(0);
    expect(isLazySchema(Item)).toBe(true);
    expect(isBuilt(Item)).toBe(false);

    expect(List.parse({ all: [{ name: 'a' }] })).toEqual({ all: [{ name: 'a' }] });
    const refused = List.safeParse({ first: { name: 'long' }, all: [{ name: 'a', x: 1 }] });
    expect(refused.error?.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['first.name', 'too_big'],
      ['all.0', 'unrecognized_keys'],
    ]);
    expect(Item).toBeInstanceOf(z.ZodType);
    expect(Object.keys(Item.extend({ n: z.number() }).shape)).toEqual(['name', 'n']);
    expect(z.object({ ...Item.shape }).parse({ name: 'b' })).toEqual({ name: 'b' });
    expect(builds).toBe(1);
    expect(isBuilt(Item)).toBe(true);
  });

  it('works as a discriminated union option and in a union', () => {
    const A = lazySchema(() => z.object({ kind: z.literal('a'), a: z.number() }));
    const either = z.discriminatedUnion('kind', [A, z.object({ kind: z.literal('b') })]);
    expect(either.parse({ kind: 'a', a: 1 })).toEqual({ kind: 'a', a: 1 });
    expect(either.safeParse({ kind: 'a' }).success).toBe(false);
    expect(z.union([A, z.string()]).parse('s')).toBe('s');
  });

  it('is not mistaken for a schema declared eagerly', () => {
    expect(isLazySchema(z.string())).toBe(false);
    expect(isBuilt(z.string())).toBe(false);
  });
});
