// A value deleted from an IdTable, or left in the slots it had before it grew, is not held there:
// the reason IdTable exists (V8 Map tables that point at their successors kept each call's values
// alive into the old generation). Fails without either clearing (review31-a M-2).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { IdTable } from './id-table.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Whether a value set and then removed from a table (as `remove` says) can still be collected. */
async function collectable(remove: (t: IdTable<object>) => void): Promise<boolean> {
  const table = new IdTable<object>();
  for (let id = 1; id <= 20; id++) table.set(id, {});
  // Made in a function of its own, so nothing here keeps a reference but the table and the WeakRef.
  const ref = ((): WeakRef<object> => {
    const value = { big: new Array(1000).fill(0) };
    table.set(7, value);
    return new WeakRef(value);
  })();
  remove(table);
  await new Promise((r) => setImmediate(r));
  gc();
  return ref.deref() === undefined && table.size >= 0;
}

it('a deleted value is not held by the table', async () => {
  expect(await collectable((t) => t.delete(7))).toBe(true);
});
it('a value deleted after the table grew is not held by the old arrays', async () => {
  // Keep the old slots array alive to see whether resize emptied it.
  let old: unknown[] = [];
  expect(
    await collectable((t) => {
      old = (t as unknown as { slots: unknown[] }).slots;
      for (let id = 100; id < 200; id++) t.set(id, {});
      t.delete(7);
    }),
  ).toBe(true);
  expect(old.length).toBeGreaterThan(0);
});
