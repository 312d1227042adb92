// The per-call checks of every call whose request has some: when the call ends, its assertions and
// captures are evaluated (main/checks), the captured values go into the call's scope (the
// session's, or a run's own), and, for the session's calls, `call.checks` tells the UI, with every
// secret (the call's own and the secret captured values) masked and secret captured values left
// out. A run takes its results from judged-calls.ts: nothing is evaluated twice.
import type { Emit, EventPayload } from '../../shared/contract/index.js';
import { createSecretMask, type SecretMask } from '../calls/secret-mask.js';
import { applyCaptures } from '../checks/apply-captures.js';
import { callResultFromLog } from '../checks/call-result.js';
import type { CaptureScope } from '../checks/capture-scope.js';
import type { CheckResults } from '../checks/evaluate.js';
import { rememberJudged } from '../checks/judged-calls.js';
import { KeptEvents } from '../checks/kept-events.js';
import { hasChecks, loadedChecks } from '../checks/load.js';
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
    ...(mask ? maskedChecks(checks, mask) : checks),
  };
}

/**
 * Secrets masked in the texts the checks saw and said — expressions (a secret typed as a literal),
 * values seen, errors, captured values — never in field names or numbers: a one-letter secret
 * would turn `expr` into another key or index 1 into a string, and the event would fail its schema.
 */
function maskedChecks(
  checks: Pick<CheckResults, 'assertions' | 'captures'>,
  mask: SecretMask,
): Pick<CheckResults, 'assertions' | 'captures'> {
  const maybe = (text: string | undefined): { error?: string } =>
    text === undefined ? {} : { error: mask.text(text) };
  return {
    assertions: checks.assertions.map((a) => ({
      ...a,
      expr: mask.text(a.expr),
      ...maybe(a.error),
      ...(a.seen ? { seen: a.seen.map((v) => ({ ...v, value: mask.text(v.value) })) } : {}),
    })),
    captures: checks.captures.map((c) => ({
      ...c,
      ...maybe(c.error),
      ...(c.value !== undefined ? { value: mask.text(c.value) } : {}),
    })),
  };
}

export function checksObserver(emit: Emit, defaultScope: CaptureScope): CallObserverFactory {
  return (start) => {
    const { template } = start;
    if (!hasChecks(template)) return undefined;
    // Loaded by call.start before the call began (calls.ts): judged at the end, synchronously.
    const checks = loadedChecks();
    if (!checks) throw new Error('checks were not loaded before the call started');
    const scope = start.captures ?? defaultScope;
    const kept = new KeptEvents();
    let results: CheckResults | undefined;
    return {
      onEvent(event) {
        kept.add(event);
        if (event.type !== 'ended') return;
        const judge = (): CheckResults =>
          checks.evaluateChecks(template, callResultFromLog(kept.events, kept.received));
        // A run's call that captures nothing changes nothing by its results: evaluated when the
        // run takes them, after it has begun its next call (judged-calls.ts).
        if (start.captures && (template.captures?.length ?? 0) === 0)
          return rememberJudged(start.captures, judge);
        // Before the end is published (this observer comes before the UI batcher): a Send made
        // as soon as the end arrives sees the captured values; history, after, masks the secret
        // ones (start.capturedSecrets).
        results = judge();
        applyCaptures(scope, results.captures);
        for (const capture of results.captures)
          if (capture.secret && capture.value !== undefined)
            start.capturedSecrets?.set(capture.name, capture.value);
        // A run takes its call's results itself (run-checks.ts) and reports them its own way.
        if (start.captures) rememberJudged(start.captures, results);
      },
      onEnded() {
        if (results && !start.captures) emit('call.checks', publishedChecks(start, results, scope));
      },
    };
  };
}
