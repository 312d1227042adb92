// gwb's command line is grpcurl's: the flag table in shared/grpcurl reads it (gwb's own -record
// included). Here its errors become usage errors, and grpcurl flags gwb does not do are refused.
import {
  flagDef,
  GrpcurlError,
  parseGrpcurlArgs,
  type GrpcurlFlags,
  type ParsedGrpcurl,
} from '../../shared/grpcurl/index.js';
import { UsageError } from './usage-error.js';

export type CliFlags = GrpcurlFlags;
export type ParsedArgs = ParsedGrpcurl;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ParsedGrpcurl;
  try {
    parsed = parseGrpcurlArgs(argv);
  } catch (error) {
    if (!(error instanceof GrpcurlError)) throw error;
    const unknown = error.message.startsWith('flag provided but not defined');
    throw new UsageError(unknown ? `${error.message} (see gwb --help)` : error.message, {
      cause: error,
    });
  }
  const unsupported = parsed.given.find((name) => flagDef(name).role === 'unsupported');
  if (unsupported !== undefined) {
    throw new UsageError(`-${unsupported} is a grpcurl flag gwb does not support (see gwb --help)`);
  }
  return parsed;
}
