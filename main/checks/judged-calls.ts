// The checks of a call made with a scope of its own (a run) are evaluated by the engine's checks
// observer at the call's end, like every other call's, so its captured values are known before
// anything else hears the end (history masks the secret ones). The caller takes the results here,
// keyed by its scope: a scope's calls run one after the other.
import type { CaptureScope } from './capture-scope.js';
import type { CheckResults } from './evaluate.js';

const judged = new WeakMap<CaptureScope, CheckResults>();

export function rememberJudged(scope: CaptureScope, results: CheckResults): void {
  judged.set(scope, results);
}

/** The results of the scope's latest ended call, once (undefined when it had no checks). */
export function takeJudged(scope: CaptureScope): CheckResults | undefined {
  const results = judged.get(scope);
  judged.delete(scope);
  return results;
}
