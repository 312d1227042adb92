// Evaluating a request's assertions and captures against what its call gave.
import { isCelError, celType, type CelValue } from '@bufbuild/cel';
import type { Assertion, Capture } from '../../shared/request/checks.js';
import { CallBindings, type RequestMessages } from './bindings.js';
import type { CallResult } from './call-result.js';
import {
  compileExpression,
  type Bindings,
  type CompileResult,
  type CompiledExpression,
  type RootName,
} from './compile.js';
import { madeOnce } from '../../shared/json/frozen-json.js';
import { describeCelError } from './error-words.js';
import { BudgetExceeded, Meter, withMeter } from './meter.js';
import { seenValues, type SeenValue } from './seen-values.js';
import { MAX_CAPTURED_VALUE_LENGTH } from './capture-scope.js';
import { TextTooLong, celOfJson, variableText } from './values.js';

export type { SeenValue } from './seen-values.js';

export interface AssertionResult {
  /** Its index in the document's `assertions`. */
  index: number;
  expr: string;
  name?: string;
  passed: boolean;
  /** Why it failed, in words: `evaluated to false`, an evaluation error, the budget. */
  error?: string;
  /** For an assertion over `message`: the number (1-based) of the received message it failed on. */
  messageNumber?: number;
  /** On failure: each path into the call's result it names, with the value it saw. */
  seen?: SeenValue[];
}

export interface CaptureResult {
  index: number;
  name: string;
  secret: boolean;
  /** The variable's value (a string as it is, anything else as JSON text); absent on error. */
  value?: string;
  error?: string;
}

export interface CheckResults {
  /** Every assertion passed and every capture got a value. */
  passed: boolean;
  assertions: AssertionResult[];
  captures: CaptureResult[];
}

export interface ChecksDocument extends RequestMessages {
  assertions?: readonly Assertion[] | undefined;
  captures?: readonly Capture[] | undefined;
}

type Outcome = { value: CelValue } | { error: string };

/** Why a name the expression uses has no value for this call, or undefined when all have. */
function missingRoot(compiled: CompiledExpression, bindings: CallBindings): string | undefined {
  for (const root of compiled.roots) {
    if (root === 'message' || bindings.get(root) !== undefined) continue;
    if (root === 'response') {
      const { kind, status } = bindings.result;
      if (kind === 'server_stream' || kind === 'bidi_stream')
        return `"response" is set for unary and client-stream calls only; this ${kind.replace('_', '-')} call has "messages"`;
      return `no response was received${status ? ` (status ${status.codeName}: ${status.message})` : ''}`;
    }
    if (root === 'status') return 'the call has no status (it has not ended)';
    return `"${root}" has no value for this call`;
  }
  return undefined;
}

/**
 * Why an expression over `messages` or `message` cannot be judged: the call received more
 * messages than checks keep (kept-events.ts), and judging the first ones only would pass or fail
 * on a part without saying so. Undefined when it saw them all or does not name them.
 */
function partialMessages(compiled: CompiledExpression, result: CallResult): string | undefined {
  const dropped = result.droppedMessages ?? 0;
  if (dropped === 0 || !(compiled.roots.has('messages') || compiled.roots.has('message')))
    return undefined;
  const count = (n: number) => n.toLocaleString('en-US');
  const received = result.messages.length + dropped;
  return `${count(received)} messages received; checks keep ${count(result.messages.length)} — this expression needs all of them`;
}

function runMetered(compiled: CompiledExpression, bindings: Bindings, meter: Meter): Outcome {
  const value = withMeter(meter, () => compiled.run(bindings));
  // After a spent budget, whatever the unwinding produced is not the expression's value.
  if (meter.exceeded) return { error: new BudgetExceeded(meter.budget).message };
  if (isCelError(value)) return { error: describeCelError(value, compiled) };
  return { value };
}

function failed(
  base: AssertionResult,
  error: string,
  extra: Partial<AssertionResult> = {},
): AssertionResult {
  return { ...base, passed: false, error, ...extra };
}

function judge(
  base: AssertionResult,
  compiled: CompiledExpression,
  bindings: Bindings,
  outcome: Outcome,
  extra: Partial<AssertionResult> = {},
): AssertionResult | undefined {
  if ('error' in outcome)
    return failed(base, outcome.error, { ...extra, seen: seenValues(compiled, bindings) });
  if (outcome.value === true) return undefined;
  const said =
    outcome.value === false
      ? 'evaluated to false'
      : `evaluated to a ${celType(outcome.value).name}, not true or false`;
  return failed(base, said, { ...extra, seen: seenValues(compiled, bindings) });
}

/**
 * What each deeply frozen check (a kept saved request's: frozen-json.ts) compiled to: a run
 * judges the same saved checks run after run, and this skips the compile cache's bookkeeping
 * (it keeps the most recent texts in order, moving each on every use). Kept as long as the check.
 */
const compiledChecks = new WeakMap<object, CompileResult>();

const compiledOf = (check: Assertion | Capture): CompileResult =>
  madeOnce(compiledChecks, check, compiledNow);

const compiledNow = (check: Assertion | Capture): CompileResult => compileExpression(check.expr);

function evaluateAssertion(
  assertion: Assertion,
  index: number,
  call: CallBindings,
): AssertionResult {
  const base: AssertionResult = {
    index,
    expr: assertion.expr,
    ...(assertion.name !== undefined ? { name: assertion.name } : {}),
    passed: true,
  };
  const compiled = compiledOf(assertion);
  if (!compiled.ok) {
    const { line, column, message } = compiled.problem;
    return failed(base, `invalid expression at ${line}:${column}: ${message}`);
  }
  const missing =
    missingRoot(compiled.compiled, call) ?? partialMessages(compiled.compiled, call.result);
  if (missing) return failed(base, missing);
  const expression = compiled.compiled;
  const bindings = call.for(expression.roots);
  const meter = new Meter(); // one budget for the whole assertion, every message included
  if (!expression.roots.has('message'))
    return judge(base, expression, bindings, runMetered(expression, bindings, meter)) ?? base;
  // "Every message": once per received message, stopping at the first that fails.
  const messages = call.result.messages;
  for (let i = 0; i < messages.length; i++) {
    // Each run evaluates the whole expression once more, calls or not: charged by its size.
    meter.charge(expression.nodes.size);
    const each = { ...bindings, message: celOfJson(messages[i] ?? null) };
    const failure = judge(base, expression, each, runMetered(expression, each, meter), {
      messageNumber: i + 1,
    });
    if (failure) return failure;
  }
  return base;
}

function evaluateCapture(capture: Capture, index: number, call: CallBindings): CaptureResult {
  const base = { index, name: capture.name, secret: capture.secret === true };
  const compiled = compiledOf(capture);
  if (!compiled.ok) {
    const { line, column, message } = compiled.problem;
    return { ...base, error: `invalid expression at ${line}:${column}: ${message}` };
  }
  const expression = compiled.compiled;
  if (expression.roots.has('message'))
    return {
      ...base,
      error: 'a capture cannot use "message" (use messages[0] or messages[messages.size() - 1])',
    };
  const missing = missingRoot(expression, call) ?? partialMessages(expression, call.result);
  if (missing) return { ...base, error: missing };
  const outcome = runMetered(expression, call.for(expression.roots), new Meter());
  if ('error' in outcome) return { ...base, error: outcome.error };
  try {
    return { ...base, value: variableText(outcome.value, MAX_CAPTURED_VALUE_LENGTH) };
  } catch (error) {
    if (!(error instanceof TextTooLong)) throw error;
    return { ...base, error: `the value is longer than ${MAX_CAPTURED_VALUE_LENGTH} characters` };
  }
}

/** Every assertion and capture of a document against one call's result. */
export function evaluateChecks(document: ChecksDocument, result: CallResult): CheckResults {
  const call = new CallBindings(result, document);
  const assertions = (document.assertions ?? []).map((a, i) => evaluateAssertion(a, i, call));
  const captures = (document.captures ?? []).map((c, i) => evaluateCapture(c, i, call));
  return {
    passed: assertions.every((a) => a.passed) && captures.every((c) => c.error === undefined),
    assertions,
    captures,
  };
}

export type { RootName };
