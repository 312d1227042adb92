/**
 * A grpcurl command line that cannot be read: an unknown flag, a missing or bad value, flags that
 * contradict each other, a broken quote. The message says which flag (and which word); the CLI
 * prints it as a usage error, the import shows it to the user.
 */
export class GrpcurlError extends Error {
  override readonly name = 'GrpcurlError';
  constructor(
    message: string,
    /** The flag at fault, as written in grpcurl's help (`max-time`, `H`), when there is one. */
    readonly flag?: string,
    /** The word of the command line at fault, as typed. */
    readonly word?: string,
  ) {
    super(message);
  }
}
