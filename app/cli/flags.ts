// gwb's command line is grpcurl's: the flag table in shared/grpcurl reads it (gwb's own -record
// included). Here its errors become command-line errors (exit 2, as grpcurl's), and grpcurl flags
// gwb does not do are refused.
// From the modules themselves, not shared/grpcurl's index: that one also brings the request
// document's schema (zod), which `gwb -version` must not load.
import path from 'node:path';
import { GrpcurlError, GrpcurlFlagError } from '../../shared/grpcurl/errors.js';
import { expandHeaderFlags } from '../../shared/grpcurl/expand-headers.js';
import type { GrpcurlFlags } from '../../shared/grpcurl/flag-types.js';
import { flagDef, parseGrpcurlArgs, type ParsedGrpcurl } from '../../shared/grpcurl/parse-args.js';
import { CommandLineError } from './usage-error.js';

export type CliFlags = GrpcurlFlags;
export type ParsedArgs = ParsedGrpcurl;

/**
 * The command line read and its headers expanded: for subcommands, whose flags are not followed
 * by grpcurl's address and method. gwb's own grpcurl command line reads first (readArgs), counts
 * its arguments, then expands (expandHeaders), as grpcurl orders them.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed = readArgs(argv);
  return parsed.flags.help || parsed.flags.version ? parsed : expandHeaders(parsed);
}

/** The command line read, its headers as typed. */
export function readArgs(argv: readonly string[]): ParsedArgs {
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
  // -vv is -v and more (grpcurl's verbosity level 2).
  const flags = tlsFilesFromHere(parsed.flags.vv ? { ...parsed.flags, v: true } : parsed.flags);
  return flags === parsed.flags ? parsed : { ...parsed, flags };
}

const TLS_FILE_FLAGS = ['cacert', 'cert', 'key'] as const;

/**
 * -cacert, -cert and -key from the current folder, as grpcurl reads them. The engine reads a
 * relative TLS path from its workspace (where a saved request keeps its certificates), which for
 * a command line is a temporary folder: so every subcommand's are made absolute here, once.
 */
export function tlsFilesFromHere(flags: CliFlags, cwd = process.cwd()): CliFlags {
  if (!TLS_FILE_FLAGS.some((name) => flags[name])) return flags;
  const out = { ...flags };
  for (const name of TLS_FILE_FLAGS) {
    const file = flags[name];
    if (file) out[name] = path.resolve(cwd, file);
  }
  return out;
}

/**
 * -expand-headers: `${NAME}` in the header flags from the environment. grpcurl does it after
 * -help, -version and the argument count, so a usage error is still exit 2 with an unset
 * variable; a missing variable itself is exit 1 (not a usage error), as grpcurl's.
 */
export function expandHeaders(parsed: ParsedArgs): ParsedArgs {
  if (!parsed.flags['expand-headers']) return parsed;
  return { ...parsed, flags: expandHeaderFlags(parsed.flags, process.env) };
}
