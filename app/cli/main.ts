import type * as grpc from '@grpc/grpc-js';
import packageJson from '../../package.json';
import { ChannelConfigError, ChannelPool } from '../../main/channels/index.js';
import { CodecError } from '../../main/codec/index.js';
import { MetadataError, parseHeaders } from '../../main/metadata/index.js';
import { ReflectionError } from '../../main/reflection/index.js';
import { SchemaError } from '../../main/schema/index.js';
import { RecordingError } from '../../main/recording/index.js';
import { runDescribe } from './commands/describe.js';
import { findMethod, runInvoke } from './commands/invoke.js';
import { runList } from './commands/list.js';
import {
  channelConfigFromFlags,
  connect,
  ConnectionError,
  DEFAULT_CONNECT_TIMEOUT_SEC,
} from './connection.js';
import { parseCommand } from './command-line.js';
import { parseArgs, type CliFlags } from './flags.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';
import { findSubcommand } from './subcommands.js';
import {
  fileSchema,
  hasSchemaFiles,
  loadSchemaFiles,
  schemaSourceName,
  reflectedSchema,
  usesReflection,
  type CliSchema,
} from './schema-source.js';
import { CommandError, UsageError } from './usage-error.js';

export type { CliIo } from './io.js';

export const VERSION: string = packageJson.version;

/** Errors we expect from bad input or an unreachable server: one line, exit 1, no stack trace. */
const EXPECTED_ERRORS = [
  UsageError,
  CommandError,
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
    const known = EXPECTED_ERRORS.some((type) => error instanceof type);
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`gwb: ${known ? message : `unexpected error: ${message}`}\n`);
    return 1;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const subcommand = findSubcommand(argv[0]);
  if (subcommand) return subcommand.run(argv.slice(1), io);
  const { flags, positional } = parseArgs(argv);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (flags.version) {
    io.stdout.write(`gwb ${VERSION}\n`);
    return 0;
  }
  const command = parseCommand(positional, hasSchemaFiles(flags));
  switch (command.kind) {
    case 'list':
      return withSchema(flags, command.address, (cli) => runList(cli, command.service, io));
    case 'describe':
      return withSchema(flags, command.address, (cli) =>
        runDescribe(cli, command.symbol, flags.msgTemplate, io),
      );
    case 'invoke':
      return invoke(flags, command.address, command.method, io);
  }
}

interface Session {
  pool: ChannelPool;
  /** Set when the command needed the server. */
  client?: grpc.Client;
  cli: CliSchema;
  startedAt: number;
}

/** What is left of -max-time, which covers connecting, reflection and the call together. */
function remainingMs(flags: CliFlags, startedAt: number): number | undefined {
  if (flags.maxTimeSec === undefined) return undefined;
  return Math.max(1, Math.round(flags.maxTimeSec * 1000 - (Date.now() - startedAt)));
}

function connectTimeoutMs(flags: CliFlags): number {
  const sec = flags.connectTimeoutSec ?? DEFAULT_CONNECT_TIMEOUT_SEC;
  const capped = flags.maxTimeSec !== undefined ? Math.min(sec, flags.maxTimeSec) : sec;
  return Math.max(1, Math.round(capped * 1000));
}

/**
 * Everything a command needs before it can act: the files read (errors in them come first), the
 * connection when the server is needed, and the schema (from the server when reflection is on).
 */
async function openSession(
  flags: CliFlags,
  address: string | undefined,
  needServer: boolean,
  /** Checks on a schema from files, run before connecting so a typo does not wait for the network. */
  check?: (cli: CliSchema) => void,
): Promise<Session> {
  const startedAt = Date.now();
  const reflectMetadata = parseHeaders([...flags.headers, ...flags.reflectHeaders]);
  const files = loadSchemaFiles(flags);
  const reflect = usesReflection(flags) && address !== undefined;
  const fromFiles = reflect ? undefined : fileSchema(flags, files);
  if (fromFiles) check?.(fromFiles);
  const pool = new ChannelPool();
  try {
    let client: grpc.Client | undefined;
    if (address !== undefined && (needServer || reflect)) {
      const config = channelConfigFromFlags(flags, address);
      client = await connect(pool, config, connectTimeoutMs(flags));
    }
    let cli = fromFiles;
    if (!cli) {
      if (!client) throw new ConnectionError('reflection needs a server address');
      const deadlineMs = remainingMs(flags, startedAt);
      cli = await reflectedSchema({
        client,
        files,
        reflectMetadata,
        ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      });
    }
    return { pool, cli, startedAt, ...(client ? { client } : {}) };
  } catch (error) {
    pool.close();
    throw error;
  }
}

async function withSchema(
  flags: CliFlags,
  address: string | undefined,
  body: (cli: CliSchema) => number,
): Promise<number> {
  const session = await openSession(flags, address, false);
  try {
    return body(session.cli);
  } finally {
    session.pool.close();
  }
}

async function invoke(
  flags: CliFlags,
  address: string,
  symbol: string,
  io: CliIo,
): Promise<number> {
  const rpcMetadata = parseHeaders([...flags.headers, ...flags.rpcHeaders]);
  const session = await openSession(flags, address, true, (cli) => findMethod(cli, symbol));
  try {
    const { client, cli } = session;
    if (!client) throw new ConnectionError(`not connected to ${address}`);
    const method = findMethod(cli, symbol);
    const deadlineMs = remainingMs(flags, session.startedAt);
    return await runInvoke(
      {
        cli,
        client,
        target: address,
        method,
        request: flags.data === '@' ? { stdin: io.stdin } : { text: flags.data },
        metadata: rpcMetadata,
        ...(deadlineMs !== undefined ? { deadlineMs } : {}),
        emitDefaults: flags.emitDefaults,
        allowUnknownFields: flags.allowUnknownFields,
        formatError: flags.formatError,
        verbose: flags.verbose,
        ...(flags.record !== undefined
          ? { record: { file: flags.record, schemaSource: schemaSourceName(flags) } }
          : {}),
        ...(io.signal ? { signal: io.signal } : {}),
      },
      io,
    );
  } finally {
    session.pool.close();
  }
}
