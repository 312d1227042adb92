/** A mistake the command found in what it was given; main() prints `gwb: <message>` and exits 1. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/**
 * A grpcurl-style command line that cannot be run as written (a bad flag or value, flags that
 * contradict each other, too few or too many arguments): exits 2, as grpcurl's do. After a flag
 * the parser itself refused (`showUsage`), the whole usage text follows, as grpcurl prints it;
 * otherwise one line pointing at -help.
 */
export class CommandLineError extends UsageError {
  override readonly name: string = 'CommandLineError';
  constructor(
    message: string,
    readonly showUsage = false,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * An expected failure of a command (a busy port, a file it cannot write); printed like a
 * UsageError. (A contract command's refusal is the contract's CommandError, with its code.)
 */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}
