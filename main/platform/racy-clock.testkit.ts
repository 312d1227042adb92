// Tests that date a file back (utimes) still have its change time at now: the racy rule
// (stat-keyed-texts.ts) would read it afresh for 2 s. These move the rule's clock RACY_MS ahead,
// as if the test ran that much later: a file written before counts as settled. A test of the rule
// itself (a file written just now is read every time) runs with the real clock.
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/**
 * Returns once a file written now in `dir` gets a change time past `ctimeNs`, for a test that
 * rewrites a kept file and must see only its change time differ: that clock ticks coarsely (a
 * kernel tick on Linux before 6.13), and a write in the same tick would keep it.
 */
export function untilChangeTimeAfter(ctimeNs: bigint, dir: string): void {
  const probe = path.join(dir, 'ctime-probe');
  const giveUpAt = Date.now() + 10_000;
  do {
    writeFileSync(probe, '');
    if (statSync(probe, { bigint: true }).ctimeNs > ctimeNs) return;
  } while (Date.now() < giveUpAt);
  throw new Error('the change-time clock never moved past the kept file');
}
