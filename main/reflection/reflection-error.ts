import { WorkbenchError, type ErrorCode } from '../../shared/contract/errors.js';

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
  ) {
    super(contractCodeOf(kind), message, grpcCode === undefined ? { kind } : { kind, grpcCode });
  }
}
