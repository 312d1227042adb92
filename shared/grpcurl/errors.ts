/**
 * A grpcurl command line that cannot be read: an unknown flag, a missing or bad value, flags that
 * contradict each other, a broken quote. The message says which flag (and which word); the CLI
 * prints it as a usage error, the import shows it to the user.
 */
export class GrpcurlError extends Error {
  override readonly name: string = 'GrpcurlError';
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

/**
 * A word Go's flag package itself refuses: an unknown flag, a flag without its value, a value
 * that does not parse. grpcurl prints its whole usage text after these (other command-line
 * errors get one line and a pointer to -help), so the CLI tells them apart.
 */
export class GrpcurlFlagError extends GrpcurlError {
  override readonly name = 'GrpcurlFlagError';
}
