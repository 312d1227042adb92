// How gwb reports an error that ended a command (other than a command line it could not read,
// which main.ts prints itself): one line, and the exit code of its kind. Loaded only when a
// command failed, so the error classes (and the modules behind them) cost nothing otherwise.
import { ChannelConfigError } from '../../main/channels/index.js';
import { CodecError } from '../../main/codec/index.js';
import { MetadataError } from '../../main/metadata/index.js';
import { RecordingError } from '../../main/recording/index.js';
import { ReflectionError } from '../../main/reflection/index.js';
import { SchemaError } from '../../main/schema/index.js';
import { CommandError } from '../../shared/contract/errors.js';
import { GrpcurlError } from '../../shared/grpcurl/index.js';
import { ConnectionError, Interrupted } from './connection.js';
import { errorText } from './error-text.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, exitCodeOfError } from './exit-codes.js';
import type { CliIo } from './io.js';
import { CommandFailure, UsageError } from './usage-error.js';

/** Errors we expect from bad input or an unreachable server: one line, exit 1, no stack trace. */
const EXPECTED_ERRORS = [
  UsageError,
  CommandFailure,
  GrpcurlError,
  ConnectionError,
  SchemaError,
  ReflectionError,
  ChannelConfigError,
  CodecError,
  MetadataError,
  RecordingError,
];

/** Prints `gwb: <what went wrong>` and returns the exit code (Ctrl-C's, silently). */
export function reportFailure(error: unknown, io: CliIo): number {
  // Ctrl-C while waiting for the server: as an interrupted call, nothing to say.
  if (error instanceof Interrupted) return EXIT_INTERRUPTED;
  // A refusal from the engine carries its contract code, which decides the exit code.
  if (error instanceof CommandError) {
    io.stderr.write(`gwb: ${errorText(error)}\n`);
    return exitCodeOfError(error.code);
  }
  const known = EXPECTED_ERRORS.some((type) => error instanceof type);
  const message = error instanceof Error ? errorText(error) : String(error);
  io.stderr.write(`gwb: ${known ? message : `unexpected error: ${message}`}\n`);
  return EXIT_FAILURE;
}
