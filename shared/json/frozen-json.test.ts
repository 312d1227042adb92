// madeOnce keeps what is made of a value only while nothing can change that value: a value
// deepFreeze froze. Every other value — a caller's own, or one frozen on top only — is made for
// anew each time, and nothing made for it goes through `keep` (never frozen in place).
import { describe, expect, it } from 'vitest';
import { deepFreeze, isDeeplyFrozen, madeOnce } from './frozen-json.js';

/** A make that counts its calls and makes a new object from the value's `n` each time. */
function counting() {
  const made = { calls: 0 };
  const make = (value: { n: number; inner?: { m: number } }) => {
    made.calls++;
    return { twice: value.n * 2, inner: value.inner };
  };
  return { made, make };
}

describe('madeOnce', () => {
  it('makes once for a deeply frozen value, and keeps what keep made of it', () => {
    const memo = new WeakMap<object, { twice: number }>();
    const { made, make } = counting();
    const value = deepFreeze({ n: 2, inner: { m: 1 } });
    const first = madeOnce(memo, value, make, deepFreeze);
    expect(madeOnce(memo, value, make, deepFreeze)).toBe(first);
    expect(first).toEqual({ twice: 4, inner: { m: 1 } });
    expect(made.calls).toBe(1);
    expect(isDeeplyFrozen(first)).toBe(true);
    expect(memo.has(value)).toBe(true);
  });

  it('makes anew, every time, for a value that can change: nothing kept, nothing frozen', () => {
    const memo = new WeakMap<object, { twice: number; inner?: { m: number } }>();
    const { made, make } = counting();
    const own = { n: 2, inner: { m: 1 } };
    const first = madeOnce(memo, own, make, deepFreeze);
    own.n = 3;
    const second = madeOnce(memo, own, make, deepFreeze);
    expect(second.twice).toBe(6); // not the 4 made before the change
    expect(made.calls).toBe(2);
    expect(memo.has(own)).toBe(false);
    // keep (deepFreeze) never ran: the caller's own parts stay changeable.
    expect(Object.isFrozen(first)).toBe(false);
    expect(Object.isFrozen(own.inner)).toBe(false);
  });

  it('makes anew for a value frozen on top only (Object.isFrozen says nothing of its parts)', () => {
    const memo = new WeakMap<object, number>();
    const parts = { m: 1 };
    const top = Object.freeze({ parts });
    const make = (value: { parts: { m: number } }) => value.parts.m;
    expect(madeOnce(memo, top, make)).toBe(1);
    parts.m = 2;
    expect(madeOnce(memo, top, make)).toBe(2);
    expect(memo.has(top)).toBe(false);
  });

  it('keeps nothing when make throws, and makes for primitives every time', () => {
    const memo = new WeakMap<object, number>();
    const value = deepFreeze({ n: 1 });
    let calls = 0;
    const failing = () => {
      calls++;
      throw new Error('no');
    };
    expect(() => madeOnce(memo, value, failing)).toThrow('no');
    expect(() => madeOnce(memo, value, failing)).toThrow('no');
    expect(calls).toBe(2);
    expect(memo.has(value)).toBe(false);
    let made = 0;
    const length = (text: string) => (made++, text.length);
    expect(madeOnce(new WeakMap(), 'abc', length)).toBe(3);
    expect(madeOnce(new WeakMap(), 'abc', length)).toBe(3);
    expect(made).toBe(2);
  });
});
