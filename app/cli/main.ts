// gwb's entry point. Only what every run needs is imported here (the flag table and parser, help,
// usage errors, exit codes): `gwb -version`, `--help` and a command line that cannot be read never
// load grpc-js, the protobuf runtimes, zod or the engine. Each command loads its own modules when
// it runs (esbuild keeps `await import()` of a bundled module lazy: it is evaluated on first use).
import packageJson from '../../package.json';
import { hasSchemaFiles, usesReflection } from './call-schema.js';
import { noteCommand } from './code-used.js';
import { checkAddressHasPort, parseCommand, type Command } from './command-line.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { binTextWarnings } from '../../shared/grpcurl/bin-header-warnings.js';
import { expandHeaders, readArgs, type ParsedArgs } from './flags.js';
import { helpText } from './help.js';
import type { CliIo } from './io.js';
import { timingData, type TimingData } from './timing-data.js';
import { findSubcommand } from './subcommands.js';
import { CommandLineError } from './usage-error.js';

export type { CliIo } from './io.js';

export const VERSION: string = packageJson.version;

/** grpcurl's warning (same words, on stderr) when -d is given to list or describe. */
export const DATA_NOT_USED_WARNING =
  "Warning: The -d argument is not used with 'list' or 'describe' verb.\n";

/**
 * gwb's entry point, in-process: parses argv, runs the command, returns the exit code (grpcurl's:
 * 0; 2 for a command line that cannot be run as written; 1 for files, connection and schema
 * failures; 64 + status code for a non-OK RPC).
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CommandLineError) return reportCommandLineError(error, io);
    const { reportFailure } = await import('./failure.js');
    return reportFailure(error, io);
  }
}

/**
 * As grpcurl: after a flag the parser refused, the whole usage text; after any other mistake in
 * the command line, a pointer to -help. All on stderr, exit 2.
 */
function reportCommandLineError(error: CommandLineError, io: CliIo): number {
  io.stderr.write(`gwb: ${error.message}\n`);
  io.stderr.write(error.showUsage ? helpText() : "Try 'gwb -help' for more details.\n");
  return EXIT_USAGE;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const subcommand = findSubcommand(argv[0]);
  if (subcommand) {
    noteCommand(subcommand.name);
    return subcommand.run(argv.slice(1), io);
  }
  const read = readArgs(argv);
  if (read.flags.help) {
    io.stdout.write(helpText());
    return EXIT_OK;
  }
  if (read.flags.version) {
    io.stdout.write(`gwb ${VERSION}\n`);
    return EXIT_OK;
  }
  const command = parseCommand(read.positional, hasSchemaFiles(read.flags));
  // After the arguments are counted (a usage error is exit 2 even with an unset variable), before
  // the address's port is checked: grpcurl's order.
  const parsed = expandHeaders(read);
  const { flags } = parsed;
  noteCommand(command.kind);
  for (const warning of binTextWarnings(flags)) io.stderr.write(warning);
  // This command's -vv tree, printed after everything else when it exits 0.
  const timing = timingData(flags.vv);
  const code = await runGrpcurlCommand(parsed, command, io, timing);
  const timingText = timing.text(code);
  if (timingText !== '') io.stdout.write(timingText);
  return code;
}

async function runGrpcurlCommand(
  parsed: ParsedArgs,
  command: Command,
  io: CliIo,
  timing: TimingData,
): Promise<number> {
  const { flags } = parsed;
  if (command.kind === 'invoke') {
    checkAddressHasPort(command.address, flags.unix);
    const { runInvoke } = await import('./commands/invoke.js');
    return runInvoke(parsed, command.address, command.method, io, timing);
  }
  if (flags.d) io.stderr.write(DATA_NOT_USED_WARNING);
  if (command.address !== undefined && usesReflection(flags))
    checkAddressHasPort(command.address, flags.unix);
  const { runBrowse } = await import('./browse.js');
  return runBrowse(parsed, command, io, timing);
}
