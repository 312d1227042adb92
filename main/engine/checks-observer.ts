// The per-call checks of calls started through `call.start` (the engine's default scope): when
// such a call ends, its request's assertions and captures are evaluated (main/checks), the
// captured values go into the session's scope, and `call.checks` tells the UI, with every
// secret (the call's own and the secret captured values) masked and secret captured values left
// out. A caller with a scope of its own (a run) evaluates its calls itself: nothing is done twice.
import type { Emit, EventPayload } from '../../shared/contract/index.js';
import { createSecretMask } from '../calls/secret-mask.js';
import {
  applyCaptures,
  callResultFromLog,
  evaluateChecks,
  type CaptureScope,
  type CheckResults,
} from '../checks/index.js';
import type { CallObserverFactory, CallStart } from './call-observer.js';

/** What crosses the contract: no secret captured value, every other secret masked. */
export function publishedChecks(
  start: Pick<CallStart, 'callId' | 'requestPath' | 'secrets'>,
  results: CheckResults,
  scope: CaptureScope,
): EventPayload<'call.checks'> {
  const payload: EventPayload<'call.checks'> = {
    callId: start.callId,
    ...(start.requestPath !== undefined ? { requestPath: start.requestPath } : {}),
    passed: results.passed,
    assertions: results.assertions,
    captures: results.captures.map(({ value, ...capture }) =>
      capture.secret || value === undefined ? capture : { ...capture, value },
    ),
  };
  const mask = createSecretMask(new Map([...start.secrets, ...scope.secrets()]));
  return mask ? (mask.json(payload as never) as unknown as EventPayload<'call.checks'>) : payload;
}

export function checksObserver(emit: Emit, scope: CaptureScope): CallObserverFactory {
  return (start) => {
    const { template } = start;
    if (start.captures !== undefined) return undefined; // the caller judges its own calls
    if (!template.assertions?.length && !template.captures?.length) return undefined;
    return {
      onEnded(events) {
        const results = evaluateChecks(template, callResultFromLog(events));
        applyCaptures(scope, results.captures);
        emit('call.checks', publishedChecks(start, results, scope));
      },
    };
  };
}
