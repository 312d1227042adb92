// Errors cross every wire as plain data with a stable code, so the renderer can branch on the
// code and show the message; stack traces never leave the main process.

export const ERROR_CODES = [
  'invalid_input',
  'unknown_command',
  'not_found',
  'schema_error',
  'codec_error',
  'metadata_error',
  'call_error',
  'channel_error',
  'unavailable',
  'forbidden',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * The one base of every error the engine throws on purpose: it carries the contract code it
 * crosses the wire with and its where-details (file/line/column, field path, metadata entry), so
 * the router maps any of them to error data in one place. Anything else becomes `internal`.
 */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Thrown by handlers to answer with a specific code. */
export class CommandError extends WorkbenchError {
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'CommandError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
