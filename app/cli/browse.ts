// `list` and `describe`: the schema from the files (read first, so errors in them come before any
// network wait), or from the server's reflection with the files filling in what it lacks. Loaded
// by main.ts only when one of them runs.
import { ChannelPool, toChannelConfig } from '../../main/channels/index.js';
import { sentEntries } from '../../main/metadata/index.js';
import {
  browseTargetFromGrpcurl,
  checkFlagLengths,
  defaultFlags,
  headerRow,
  requestFromGrpcurl,
  type BrowseTarget,
  type ParsedGrpcurl,
} from '../../shared/grpcurl/index.js';
import { isNoReflection, usesReflection } from './call-schema.js';
import type { Command } from './command-line.js';
import { runDescribe } from './commands/describe.js';
import { runList } from './commands/list.js';
import { connect, DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js';
import type { CliIo } from './io.js';
import { schemaOutOf, type SchemaOutTargets } from './schema-out.js';
import {
  fileSchema,
  loadSchemaFiles,
  reflectedSchema,
  reflectedServiceNames,
  type CliSchema,
  type ServiceList,
} from './schema-source.js';
import { CommandFailure } from './usage-error.js';
import { timedDial, type TimingData } from './timing-data.js';

type BrowseCommand = Extract<Command, { kind: 'list' | 'describe' }>;

export async function runBrowse(
  parsed: ParsedGrpcurl,
  command: BrowseCommand,
  io: CliIo,
  timing: TimingData,
): Promise<number> {
  const out = schemaOutOf(parsed.flags);
  if (command.kind === 'list') {
    const listed = await browseSchema(
      parsed,
      command,
      printsNamesOnly(command, out),
      timing,
      io.signal,
    );
    return runList(listed, command.service, io, out);
  }
  const cli = await browseSchema(parsed, command, false, timing, io.signal);
  return runDescribe(
    cli,
    command.symbol,
    parsed.flags['msg-template'],
    io,
    parsed.flags.format,
    out,
  );
}

/** `list` with no SERVICE and nothing to write: the server's names are all it needs. */
function printsNamesOnly(command: BrowseCommand, out: SchemaOutTargets): boolean {
  return (
    command.kind === 'list' &&
    command.service === undefined &&
    out.protosetOut === undefined &&
    out.protoOutDir === undefined
  );
}

/**
 * The header flags through the check a call makes of them (its request document's, in its words):
 * a name longer than a metadata key may be, too many rows. Only the flags that place rows (and the
 * files, which decide whether reflection gets them) go in, so -d text, which list ignores, is not
 * read. Skipped without headers: the check loads zod, which a plain list never needs.
 */
function checkHeaders(parsed: ParsedGrpcurl): void {
  const { flags } = parsed;
  const headers = [flags.H, flags['rpc-header'], flags['reflect-header']];
  if (headers.every((given) => given.length === 0)) return;
  const placing = {
    ...defaultFlags(),
    H: flags.H,
    'rpc-header': flags['rpc-header'],
    'reflect-header': flags['reflect-header'],
    proto: flags.proto,
    protoset: flags.protoset,
    'import-path': flags['import-path'],
  };
  requestFromGrpcurl({ ...parsed, flags: placing }, { address: 'localhost:0', method: '' });
}

/** What is left of -max-time, which covers connecting and reflection together. */
function remainingMs(target: BrowseTarget, startedAt: number): number | undefined {
  if (target.deadlineMs === undefined) return undefined;
  return Math.max(1, target.deadlineMs - (Date.now() - startedAt));
}

async function browseSchema(
  parsed: ParsedGrpcurl,
  command: BrowseCommand,
  namesOnly: false,
  timing: TimingData,
  signal: AbortSignal | undefined,
): Promise<CliSchema>;
async function browseSchema(
  parsed: ParsedGrpcurl,
  command: BrowseCommand,
  namesOnly: boolean,
  timing: TimingData,
  signal: AbortSignal | undefined,
): Promise<CliSchema | ServiceList>;
/**
 * The schema to browse: from the files, or from reflection with the files filling in.
 * `namesOnly`: with reflection, only the server's list of services (printsNamesOnly).
 */
async function browseSchema(
  parsed: ParsedGrpcurl,
  command: BrowseCommand,
  namesOnly: boolean,
  timing: TimingData,
  /** Ctrl-C: the wait for the server ends at once. */
  signal: AbortSignal | undefined,
): Promise<CliSchema | ServiceList> {
  const startedAt = Date.now();
  const { flags } = parsed;
  const { address } = command;
  // Before any file is read: -proto's length, or a header's, is refused as a call refuses it.
  checkFlagLengths(flags);
  checkHeaders(parsed);
  const files = await loadSchemaFiles(flags);
  if (!usesReflection(flags) || address === undefined) return fileSchema(flags, files);
  const target = browseTargetFromGrpcurl(parsed, address);
  const reflectMetadata = sentEntries(
    [...flags.H, ...flags['reflect-header']].map((h) => headerRow(h, 'H')),
  );
  const pool = new ChannelPool();
  try {
    const connectMs = target.connection.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const client = await timedDial(
      timing,
      target.connection.security.kind === 'tls',
      () => toChannelConfig(target.connection),
      (config) =>
        connect(pool, config, Math.min(connectMs, target.deadlineMs ?? connectMs), signal),
    );
    const deadlineMs = remainingMs(target, startedAt);
    try {
      if (namesOnly) {
        const services = await reflectedServiceNames({
          client,
          reflectMetadata,
          ...(deadlineMs !== undefined ? { deadlineMs } : {}),
        });
        return { services };
      }
      return await reflectedSchema({
        client,
        files,
        reflectMetadata,
        ...(deadlineMs !== undefined ? { deadlineMs } : {}),
        ...(command.kind === 'describe' && command.symbol ? { symbol: command.symbol } : {}),
      });
    } catch (error) {
      if (files.length === 0 || !isNoReflection(error)) throw error;
      return withoutReflection(flags, files, command);
    }
  } finally {
    pool.close();
  }
}

/**
 * -use-reflection with files, and the server has no reflection: as grpcurl, a named service or
 * symbol is looked up in the files, but the list of what the server serves cannot be known.
 */
function withoutReflection(
  flags: ParsedGrpcurl['flags'],
  files: Parameters<typeof fileSchema>[1],
  command: BrowseCommand,
): CliSchema {
  const named = command.kind === 'list' ? command.service : command.symbol;
  if (named === undefined) {
    throw new CommandFailure(
      `cannot ${command.kind} the server's services: it has no server reflection, and the ` +
        `-proto/-protoset files only say what a named service or symbol is (${command.kind} ` +
        `SYMBOL; or leave out -use-reflection to ${command.kind} the files' services)`,
    );
  }
  return fileSchema(flags, files);
}
