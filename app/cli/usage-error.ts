/** A mistake in the command line; main() prints `gwb: <message>` and exits 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
