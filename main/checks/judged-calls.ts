// The checks of a call made with a scope of its own (a run) are evaluated by the engine's checks
// observer at the call's end, like every other call's, so its captured values are known before
// anything else hears the end (history masks the secret ones). The caller takes the results here,
// keyed by its scope: a scope's calls run one after the other, and each call's are taken as soon
// as it has ended, before the next call of the scope can end.
//
// A call that captures nothing changes nothing by its results (no variable, no secret for
// history): its assertions are left to evaluate when the caller takes them, so a run begins its
// next call first and judges this one while that is in flight (checks-observer.ts).
import type { CaptureScope } from './capture-scope.js';
import type { CheckResults } from './evaluate.js';

/** The results, or the evaluation that makes them (once, when taken). */
export type Judgement = CheckResults | (() => CheckResults);

const judged = new WeakMap<CaptureScope, Judgement>();

export function rememberJudged(scope: CaptureScope, results: Judgement): void {
  judged.set(scope, results);
}

/**
 * The results of the scope's latest ended call, once (undefined when it had no checks): a function
 * that gives them, evaluating them first if they were left to evaluate.
 */
export function takeJudged(scope: CaptureScope): (() => CheckResults) | undefined {
  const results = judged.get(scope);
  judged.delete(scope);
  if (results === undefined) return undefined;
  if (typeof results !== 'function') return () => results;
  let made: CheckResults | undefined;
  return () => (made ??= results());
}
