// JSON data frozen all the way down, and known to be: what is made of such a value (its encoded
// bytes, its JSON text, its compiled checks) can be kept with it, since nothing can change it
// afterwards. The workspace freezes the saved requests it shares between readers
// (main/workspace/request-files.ts); a run sends the same unchanged requests run after run.
// madeOnce is the one way to keep what is made of one: it keeps only for a deeply frozen value.

/** Every object and list deepFreeze froze (a mark: Object.isFrozen says nothing of what is inside). */
const frozen = new WeakSet<object>();

/**
 * Freezes `value` and everything in it, in place, and marks each part as deeply frozen. A part
 * frozen already by someone else is walked all the same: only this function's mark is trusted.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || frozen.has(value)) return value;
  const parts = Array.isArray(value) ? value : Object.values(value);
  for (const part of parts) deepFreeze(part);
  Object.freeze(value);
  frozen.add(value);
  return value;
}

/** Whether `value` is an object or list deepFreeze froze (with all it holds). */
export function isDeeplyFrozen(value: unknown): value is object {
  return typeof value === 'object' && value !== null && frozen.has(value);
}

/**
 * What `make` makes of `value`: made once and kept in `memo` (as long as `value` lives) when
 * `value` is deeply frozen, made anew every time when it is not (a value that can change may
 * have changed since). `keep`, when given, is what a kept value goes through first (deepFreeze:
 * what is kept for a frozen value is frozen like it); a value made for one that is not frozen
 * does not go through it (a caller's own parts are never frozen in place). `make` takes the
 * value, so callers pass a function made once, not a closure per call. A `make` that throws
 * keeps nothing.
 */
export function madeOnce<K, V>(
  memo: WeakMap<object, V>,
  value: K,
  make: (value: K) => V,
  keep?: (made: V) => V,
): V {
  if (!isDeeplyFrozen(value)) return make(value);
  let made = memo.get(value);
  if (made === undefined) {
    made = keep ? keep(make(value)) : make(value);
    memo.set(value, made);
  }
  return made;
}
