// Tests that date a file back (utimes) still have its change time at now: the racy rule
// (stat-keyed-texts.ts) would read it afresh for 2 s. These move the rule's clock RACY_MS ahead,
// as if the test ran that much later: a file written before counts as settled. A test of the rule
// itself (a file written just now is read every time) runs with the real clock.
import { statSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { RACY_MS, racyClockForTests } from './stat-keyed-texts.js';

/** The racy rule's clock RACY_MS ahead until the returned function puts it back. */
export function settledClock(): () => void {
  return racyClockForTests(() => Date.now() + RACY_MS);
}

/** settledClock for the tests of the calling file (or describe block). */
export function useSettledClock(): void {
  let restore = (): void => {};
  beforeAll(() => {
    restore = settledClock();
  });
  afterAll(() => restore());
}

/**
 * Resolves once `file` changed more than RACY_MS ago, for a test whose reader is another process
 * (its clock cannot be moved): date the file back first, and do the slow setup meanwhile.
 */
export async function untilSettled(file: string): Promise<void> {
  const { mtimeMs, ctimeMs } = statSync(file);
  const left = Math.max(mtimeMs, ctimeMs) + RACY_MS - Date.now();
  if (left >= 0) await new Promise((resolve) => setTimeout(resolve, left + 1));
}
