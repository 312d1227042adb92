import type { FailureKind } from '../../shared/calls/failure-kind.js';
import { WorkbenchError, type ErrorCode } from '../../shared/contract/errors.js';

/**
 * Why a load failed, for a client to pick the next step: the call's failure kinds (the server
 * never reached, the deadline) or `unimplemented` (the server has no reflection service: load
 * .proto files instead). Crosses the wire in the error's details as `failure`.
 */
export type ReflectionFailure = FailureKind;

export type ReflectionErrorKind =
  /** The server has no reflection service (neither v1 nor v1alpha). */
  | 'unavailable'
  /** The server answered a request with an error_response (unknown symbol or file). */
  | 'not_found'
  | 'deadline'
  /** The call failed: connection refused, TLS, auth, a broken server. */
  | 'transport';

/** A server without reflection is a schema problem; a dead link is not. */
function contractCodeOf(kind: ReflectionErrorKind): ErrorCode {
  if (kind === 'transport' || kind === 'deadline') return 'unavailable';
  if (kind === 'not_found') return 'not_found';
  return 'schema_error';
}

/** Why a schema could not be fetched by server reflection; `message` is ready to show as is. */
export class ReflectionError extends WorkbenchError {
  override readonly name = 'ReflectionError';
  constructor(
    readonly kind: ReflectionErrorKind,
    message: string,
    /** The gRPC status code of the failed call, when there was one. */
    readonly grpcCode?: number,
    readonly failure?: ReflectionFailure,
    /** grpc-js's own text when `message` was put in words (the detail behind them). */
    readonly rawMessage?: string,
    /** The load's deadline, for a `deadline` failure ("Deadline of 20 s exceeded"). */
    readonly deadlineMs?: number,
  ) {
    super(contractCodeOf(kind), message, {
      kind,
      ...(grpcCode === undefined ? {} : { grpcCode }),
      ...(failure === undefined ? {} : { failure }),
      ...(rawMessage === undefined ? {} : { rawMessage }),
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
    });
  }
}
