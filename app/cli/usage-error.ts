/** A mistake in the command line; main() prints `gwb: <message>` and exits 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An expected failure of a command (a busy port, a missing file); printed like a UsageError. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
