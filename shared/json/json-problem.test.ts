import { describe, expect, it } from 'vitest';
import { isJsonValue, jsonProblem } from './json-problem.js';

describe('jsonProblem', () => {
  it('accepts JSON values, including big repeated fields', () => {
    expect(jsonProblem({ a: [1, 'x', null, true, { b: [] }] })).toBeUndefined();
    expect(
      jsonProblem({ items: Array.from({ length: 200_000 }, (_, i) => ({ n: i })) }),
    ).toBeUndefined();
  });

  it('names the path of what is wrong', () => {
    expect(jsonProblem({ a: [0, { b: Number.POSITIVE_INFINITY }] })).toEqual({
      path: ['a', 1, 'b'],
      message: 'numbers must be finite',
    });
    expect(jsonProblem({ f: () => 1 })).toMatchObject({
      path: ['f'],
      message: 'function is not a JSON value',
    });
    expect(jsonProblem({ d: new Date(0) })).toMatchObject({
      path: ['d'],
      message: 'expected a plain JSON object',
    });
    expect(jsonProblem(JSON.parse('{"x":{"__proto__":{}}}'))).toMatchObject({
      path: ['x', '__proto__'],
    });
    expect(jsonProblem({ u: undefined })).toMatchObject({ path: ['u'] });
  });

  it('refuses nesting beyond the limit without overflowing the stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(jsonProblem(deep)?.message).toMatch(/nested deeper than 128 levels/);
    let ok: unknown = 0;
    for (let i = 0; i < 100; i++) ok = [ok];
    expect(jsonProblem(ok)).toBeUndefined();
  });

  it('isJsonValue says the same in one word', () => {
    expect(isJsonValue({ a: [1, 'x', null] })).toBe(true);
    expect(isJsonValue({ a: Number.NaN })).toBe(false);
    expect(isJsonValue(JSON.parse('{"__proto__":{}}'))).toBe(false);
  });
});
