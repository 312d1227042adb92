// The checks of one iteration: the variables it layers over the environment (its data row, then
// what its requests capture, in one CaptureScope of its own, so runs never see each other's or the
// UI's values) and each request's assertions and captures, evaluated by main/checks.
import type { CallEvent } from '../../shared/calls/events.js';
import type { AssertionResult } from '../../shared/contract/runner-commands.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { CaptureScope } from '../checks/capture-scope.js';
import type { AssertionResult as CheckedAssertion, CheckResults } from '../checks/evaluate.js';
import { takeJudged } from '../checks/judged-calls.js';
import { hasChecks } from '../checks/load.js';

export interface Checked {
  assertions: AssertionResult[];
  /** Names captured by this request. */
  captured: string[];
  /** Captures that got no value: the request fails, and later ones see the name as unknown. */
  error?: string;
}

export interface RunChecks {
  /** The iteration's variables: handed to each call it starts. */
  readonly scope: CaptureScope;
  /**
   * The checks of the scope's call that has just ended, taken now (before the next call of the
   * scope can end); the function judges them (its assertions evaluated then, when it captures
   * nothing: the run begins its next call first). Throws when the call's checks were not judged.
   */
  take(doc: RequestDocument, events: readonly CallEvent[]): () => Checked;
}

/** What a failed assertion says: why, where (the message it failed on), and the values it saw. */
function assertionResult(a: CheckedAssertion): AssertionResult {
  const where = `assertions[${a.index}]${a.messageNumber !== undefined ? `, message ${a.messageNumber}` : ''}`;
  const expression = a.name !== undefined && a.name !== '' ? `${a.name} (${a.expr})` : a.expr;
  // A passed one says nothing more (the common case: three a request in a run).
  if (a.passed) return { expression, passed: true, where };
  const seen = (a.seen ?? []).map((s) => `${s.path} = ${s.value}`).join(', ');
  const why = [a.error, seen !== '' ? `saw ${seen}` : undefined].filter(Boolean).join('; ');
  return { expression, passed: false, where, ...(why === '' ? {} : { message: why }) };
}

function checkedOf(results: CheckResults): Checked {
  const failed = results.captures.filter((c) => c.error !== undefined);
  return {
    assertions: results.assertions.map(assertionResult),
    captured: results.captures.filter((c) => c.value !== undefined).map((c) => c.name),
    ...(failed.length > 0
      ? { error: failed.map((c) => `capture ${c.name}: ${c.error ?? 'no value'}`).join('; ') }
      : {}),
  };
}

export function createRunChecks(row: Readonly<Record<string, string>>): RunChecks {
  const scope = new CaptureScope();
  // The row's columns are the first layer over the environment; a capture of the same name
  // replaces its value for the requests after it.
  for (const [name, value] of Object.entries(row)) scope.set(name, value);
  return {
    scope,
    take(doc, events) {
      if (!hasChecks(doc)) return () => ({ assertions: [], captured: [] });
      // Judged by the engine's checks observer when the call ended (its captures applied to this
      // scope then, before history kept the call with the secret ones masked).
      const judged = takeJudged(scope);
      if (!judged)
        throw new Error(`the checks of the call (${events.length} events) were not judged`);
      return () => checkedOf(judged());
    },
  };
}
