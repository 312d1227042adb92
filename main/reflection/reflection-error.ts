export type ReflectionErrorCode =
  /** The server has no reflection service (neither v1 nor v1alpha). */
  | 'unavailable'
  /** The server answered a request with an error_response (unknown symbol or file). */
  | 'not_found'
  | 'deadline'
  /** The call failed: connection refused, TLS, auth, a broken server. */
  | 'transport';

/** Why a schema could not be fetched by server reflection; `message` is ready to show as is. */
export class ReflectionError extends Error {
  override readonly name = 'ReflectionError';
  constructor(
    readonly code: ReflectionErrorCode,
    message: string,
    /** The gRPC status code of the failed call, when there was one. */
    readonly grpcCode?: number,
  ) {
    super(message);
  }
}
