import packageJson from '../../package.json';
import { ChannelConfigError, ChannelPool, toChannelConfig } from '../../main/channels/index.js';
import { CodecError } from '../../main/codec/index.js';
import { MetadataError, sentEntries } from '../../main/metadata/index.js';
import { ReflectionError } from '../../main/reflection/index.js';
import { SchemaError } from '../../main/schema/index.js';
import { RecordingError } from '../../main/recording/index.js';
import { CommandError } from '../../shared/contract/index.js';
import {
  GrpcurlError,
  headerRow,
  requestFromGrpcurl,
  type ParsedGrpcurl,
} from '../../shared/grpcurl/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { hasSchemaFiles, usesReflection } from './call-schema.js';
import { runDescribe } from './commands/describe.js';
import { runInvoke } from './commands/invoke.js';
import { runList } from './commands/list.js';
import { connect, ConnectionError, DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js';
import { parseCommand } from './command-line.js';
import { errorText } from './error-text.js';
import { EXIT_FAILURE, exitCodeOfError } from './exit-codes.js';
import { parseArgs } from './flags.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';
import { findSubcommand } from './subcommands.js';
import { fileSchema, loadSchemaFiles, reflectedSchema, type CliSchema } from './schema-source.js';
import { CommandFailure, UsageError } from './usage-error.js';

export type { CliIo } from './io.js';

export const VERSION: string = packageJson.version;

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

/**
 * gwb's entry point, in-process: parses argv, runs the command, returns the exit code (grpcurl's:
 * 0, 1 for usage and connection errors, 64 + status code for a non-OK RPC).
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
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
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const subcommand = findSubcommand(argv[0]);
  if (subcommand) return subcommand.run(argv.slice(1), io);
  const parsed = parseArgs(argv);
  const { flags } = parsed;
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (flags.version) {
    io.stdout.write(`gwb ${VERSION}\n`);
    return 0;
  }
  const command = parseCommand(parsed.positional, hasSchemaFiles(flags));
  switch (command.kind) {
    case 'list':
      return browse(parsed, command.address, (cli) => runList(cli, command.service, io));
    case 'describe':
      return browse(parsed, command.address, (cli) =>
        runDescribe(cli, command.symbol, flags['msg-template'], io),
      );
    case 'invoke':
      return runInvoke(parsed, command.address, command.method, io);
  }
}

/** What is left of -max-time, which covers connecting and reflection together. */
function remainingMs(doc: RequestDocument, startedAt: number): number | undefined {
  if (doc.deadlineMs === undefined) return undefined;
  return Math.max(1, doc.deadlineMs - (Date.now() - startedAt));
}

/**
 * `list` and `describe`: the schema from the files (read first, so errors in them come before any
 * network wait), or from the server's reflection with the files filling in what it lacks.
 */
async function browse(
  parsed: ParsedGrpcurl,
  address: string | undefined,
  body: (cli: CliSchema) => number,
): Promise<number> {
  const startedAt = Date.now();
  const { flags } = parsed;
  const files = loadSchemaFiles(flags);
  if (!usesReflection(flags) || address === undefined) return body(fileSchema(flags, files));
  const doc = requestFromGrpcurl(parsed, { address, method: '' });
  const reflectMetadata = sentEntries(
    [...flags.H, ...flags['reflect-header']].map((h) => headerRow(h, 'H')),
  );
  const pool = new ChannelPool();
  try {
    const connectMs = doc.connection.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const client = await connect(
      pool,
      toChannelConfig(doc.connection),
      Math.min(connectMs, doc.deadlineMs ?? connectMs),
    );
    const deadlineMs = remainingMs(doc, startedAt);
    const cli = await reflectedSchema({
      client,
      files,
      reflectMetadata,
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    });
    return body(cli);
  } finally {
    pool.close();
  }
}
