import type { CaptureScope } from './capture-scope.js';
import type { CaptureResult } from './evaluate.js';

/**
 * Each capture's value into the scope, in order. A capture that failed removes its name, so the
 * next request refuses `{{name}}` as unknown instead of sending the previous call's value.
 */
export function applyCaptures(scope: CaptureScope, captures: readonly CaptureResult[]): void {
  for (const capture of captures) {
    if (capture.value === undefined) scope.delete(capture.name);
    else scope.set(capture.name, capture.value, capture.secret);
  }
}
