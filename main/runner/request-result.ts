// One request's result from its call's events: status, what came back, whether it passed.
import type { CallEvent, CallStatus, JsonValue } from '../../shared/calls/events.js';
import type { ErrorCode } from '../../shared/contract/errors.js';
import type {
  AssertionResult,
  RequestResult,
  SnapshotResult,
} from '../../shared/contract/runner-commands.js';
import type { SecretMask } from '../calls/secret-mask.js';

/** Messages a result keeps for reports and the runner panel; the rest are counted. */
export const RESPONSES_KEPT = 1000;

export function statusOf(events: readonly CallEvent[]): CallStatus | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as CallEvent;
    if (event.type === 'status') return event.status;
  }
  return undefined;
}

export function responsesOf(events: readonly CallEvent[]): JsonValue[] {
  const kept: JsonValue[] = [];
  for (const event of events) {
    if (event.type !== 'received') continue;
    if (kept.length >= RESPONSES_KEPT) break;
    kept.push(event.message ?? { '(not decoded)': event.decodeError ?? 'unknown error' });
  }
  return kept;
}

export interface Judged {
  status?: CallStatus;
  assertions: AssertionResult[];
  snapshot?: SnapshotResult;
  error?: string;
  errorCode?: ErrorCode;
}

/**
 * A request with assertions passes when they all pass (so a test may expect NOT_FOUND); one
 * without passes when its status is OK. An error around the call, or a snapshot that differs,
 * fails it either way; a new snapshot does not (it is reported as new).
 */
export function passed(judged: Judged): boolean {
  if (judged.error !== undefined) return false;
  if (judged.snapshot?.state === 'failed') return false;
  if (judged.assertions.length > 0) return judged.assertions.every((a) => a.passed);
  return judged.status?.code === 0;
}

export function requestResult(
  base: {
    path: string;
    iteration: number;
    durationMs: number;
    captured: string[];
    received: number;
  },
  judged: Judged,
  events: readonly CallEvent[],
): RequestResult {
  const kept = responsesOf(events);
  const status = judged.status;
  return {
    path: base.path,
    iteration: base.iteration,
    passed: passed(judged),
    ...(status
      ? { status: { code: status.code, codeName: status.codeName, message: status.message } }
      : {}),
    durationMs: base.durationMs,
    ...(judged.error !== undefined ? { error: judged.error } : {}),
    ...(judged.errorCode !== undefined ? { errorCode: judged.errorCode } : {}),
    assertions: judged.assertions,
    captured: base.captured,
    ...(judged.snapshot ? { snapshot: judged.snapshot } : {}),
    responses: kept,
    received: base.received,
  };
}

/**
 * The result with a secret masked where the call and its checks put text — answers, status and
 * error messages, assertions' expressions and what they saw, snapshot differences — and nowhere
 * else: its own field names, numbers and codes stay as they are (a one-letter secret would otherwise
 * turn `iteration: 1` into a string or `expression` into another key).
 */
export function maskedResult(result: RequestResult, mask: SecretMask): RequestResult {
  const { status, error, snapshot } = result;
  return {
    ...result,
    ...(status !== undefined ? { status: { ...status, message: mask.text(status.message) } } : {}),
    ...(error !== undefined ? { error: mask.text(error) } : {}),
    // An expression may hold a secret typed as a literal.
    assertions: result.assertions.map((a) => ({
      ...a,
      expression: mask.text(a.expression),
      ...(a.message !== undefined ? { message: mask.text(a.message) } : {}),
    })),
    ...(snapshot !== undefined ? { snapshot: maskedSnapshot(snapshot, mask) } : {}),
    responses: mask.json(result.responses),
  };
}

function maskedSnapshot(snapshot: SnapshotResult, mask: SecretMask): SnapshotResult {
  const { differences, reason } = snapshot;
  return {
    ...snapshot,
    ...(differences !== undefined ? { differences: mask.text(differences) } : {}),
    ...(reason !== undefined ? { reason: mask.text(reason) } : {}),
  };
}
