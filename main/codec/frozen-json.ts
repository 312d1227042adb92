// JSON data frozen all the way down, and known to be: what is made of such a value (its encoded
// bytes, its JSON text) can be kept with it, since nothing can change it afterwards. The
// workspace freezes the saved requests it shares between readers (request-files.ts); a run sends
// the same unchanged messages run after run, and the codec encodes each such message once.

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
