// gwb's command line is grpcurl's: the flag table in shared/grpcurl reads it (gwb's own -record
// included). Here its errors become command-line errors (exit 2, as grpcurl's), and grpcurl flags
// gwb does not do are refused.
// From the modules themselves, not shared/grpcurl's index: that one also brings the request
// document's schema (zod), which `gwb -version` must not load.
import { GrpcurlError, GrpcurlFlagError } from '../../shared/grpcurl/errors.js';
import { expandHeaderFlags } from '../../shared/grpcurl/expand-headers.js';
import type { GrpcurlFlags } from '../../shared/grpcurl/flag-types.js';
import { flagDef, parseGrpcurlArgs, type ParsedGrpcurl } from '../../shared/grpcurl/parse-args.js';
import { CommandLineError } from './usage-error.js';

export type CliFlags = GrpcurlFlags;
export type ParsedArgs = ParsedGrpcurl;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ParsedGrpcurl;
  try {
    parsed = parseGrpcurlArgs(argv);
  } catch (error) {
    if (!(error instanceof GrpcurlError)) throw error;
    // What Go's flag package refuses is followed by the usage text, as grpcurl prints it.
    throw new CommandLineError(error.message, error instanceof GrpcurlFlagError, {
      cause: error,
    });
  }
  const unsupported = parsed.given.find((name) => flagDef(name).role === 'unsupported');
  if (unsupported !== undefined) {
    throw new CommandLineError(`-${unsupported} is a grpcurl flag gwb does not support`);
  }
  // After the command line is read (a missing variable is exit 1, as grpcurl's, not a usage error).
  // -vv is -v and more (grpcurl's verbosity level 2).
  const flags = parsed.flags.vv ? { ...parsed.flags, v: true } : parsed.flags;
  if (flags['expand-headers'] && !flags.help && !flags.version)
    return { ...parsed, flags: expandHeaderFlags(flags, process.env) };
  return { ...parsed, flags };
}
