// Why a call or a schema load failed, as the UI words it: a call's client-side failure
// (CallFailure) or `unimplemented` (the server has no reflection service). Declared once here: the
// engine's ReflectionError carries it in its details as `failure`, the renderer reads it back.
import { CALL_FAILURES, type CallFailure } from './events.js';

export type FailureKind = CallFailure | 'unimplemented';

export const FAILURE_KINDS: readonly FailureKind[] = [...CALL_FAILURES, 'unimplemented'];

export function isFailureKind(value: unknown): value is FailureKind {
  return typeof value === 'string' && (FAILURE_KINDS as readonly string[]).includes(value);
}
