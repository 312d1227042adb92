// gwb's exit codes, as grpcurl's: 0, 2 for a command line that cannot be run as written, 1 for
// anything else that stopped the command before or outside the call (files, connection, schema),
// 64 + the status code for a call that ended non-OK, and the shell's 130 for Ctrl-C. The
// contract's error codes map here, once.
import type { CallStatus } from '../../shared/calls/events.js';
import type { ErrorCode } from '../../shared/contract/index.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
/** A command line that cannot be run as written (grpcurl's usage errors). */
export const EXIT_USAGE = 2;
/** grpcurl's exit code for a call that ended non-OK is this plus the status code. */
export const STATUS_EXIT_OFFSET = 64;
/** The shell's exit code for a run ended by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/**
 * What each contract error code exits with. grpcurl exits 1 for every failure that is not an RPC
 * status, so all do; the table is here so a new code has to be given one.
 */
const EXIT_OF_ERROR: Record<ErrorCode, number> = {
  invalid_input: EXIT_FAILURE,
  unknown_command: EXIT_FAILURE,
  not_found: EXIT_FAILURE,
  schema_error: EXIT_FAILURE,
  codec_error: EXIT_FAILURE,
  metadata_error: EXIT_FAILURE,
  call_error: EXIT_FAILURE,
  channel_error: EXIT_FAILURE,
  unavailable: EXIT_FAILURE,
  forbidden: EXIT_FAILURE,
  internal: EXIT_FAILURE,
};

export function exitCodeOfError(code: ErrorCode): number {
  return EXIT_OF_ERROR[code];
}

/** A finished call: 0 for OK, 64 + the code otherwise (NOT_FOUND = 5 → 69). */
export function exitCodeOfStatus(status: Pick<CallStatus, 'code'>): number {
  return status.code === 0 ? EXIT_OK : STATUS_EXIT_OFFSET + status.code;
}
