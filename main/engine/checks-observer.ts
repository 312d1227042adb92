// The per-call checks of calls started through `call.start` (the engine's default scope): when
// such a call ends, its request's assertions and captures are evaluated (main/checks), the
// captured values go into the session's scope, and `call.checks` tells the UI, with every
// secret (the call's own and the secret captured values) masked and secret captured values left
// out. A caller with a scope of its own (a run) evaluates its calls itself: nothing is done twice.
import type { Emit, EventPayload } from '../../shared/contract/index.js';
import { createSecretMask } from '../calls/secret-mask.js';
import { applyCaptures } from '../checks/apply-captures.js';
import { callResultFromLog } from '../checks/call-result.js';
import type { CaptureScope } from '../checks/capture-scope.js';
import type { CheckResults } from '../checks/evaluate.js';
import { hasChecks, loadChecks } from '../checks/load.js';
import type { CallObserverFactory, CallStart } from './call-observer.js';

/** What crosses the contract: no secret captured value, every other secret masked. */
export function publishedChecks(
  start: Pick<CallStart, 'callId' | 'requestPath' | 'secrets'>,
  results: CheckResults,
  scope: CaptureScope,
): EventPayload<'call.checks'> {
  const checks = {
    assertions: results.assertions,
    captures: results.captures.map(({ value, ...capture }) =>
      capture.secret || value === undefined ? capture : { ...capture, value },
    ),
  };
  const mask = createSecretMask(new Map([...start.secrets, ...scope.secrets()]));
  // The ids are the engine's, never a secret: masked, a secret "1" would rename the call.
  return {
    callId: start.callId,
    ...(start.requestPath !== undefined ? { requestPath: start.requestPath } : {}),
    passed: results.passed,
    ...(mask ? (mask.json(checks as never) as unknown as typeof checks) : checks),
  };
}

export function checksObserver(emit: Emit, scope: CaptureScope): CallObserverFactory {
  return (start) => {
    const { template } = start;
    if (start.captures !== undefined) return undefined; // the caller judges its own calls
    if (!hasChecks(template)) return undefined;
    return {
      onEnded(events) {
        const result = callResultFromLog(events);
        loadChecks()
          .then(({ evaluateChecks }) => {
            const results = evaluateChecks(template, result);
            applyCaptures(scope, results.captures);
            emit('call.checks', publishedChecks(start, results, scope));
          })
          .catch((error: unknown) =>
            process.emitWarning(`call ${start.callId}: its checks failed: ${String(error)}`),
          );
      },
    };
  };
}
