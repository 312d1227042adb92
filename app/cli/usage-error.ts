/** A mistake in the command line; main() prints `gwb: <message>` and exits 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * An expected failure of a command (a busy port, a file it cannot write); printed like a
 * UsageError. (A contract command's refusal is the contract's CommandError, with its code.)
 */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}
