// How each of gwb's own commands reads its command line: -h/--help prints the command's help (stdout,
// exit 0); a mistake in the command line prints one line and a pointer to that help (stderr, exit
// 2, as grpcurl's usage errors). Only the reading is guarded: what the command then does fails
// with its own exit code.
import { GRPCURL_FLAGS, type AnyFlagDef, type FlagName } from '../../shared/grpcurl/index.js';
import { binTextWarnings, type HeaderFlags } from '../../shared/grpcurl/bin-header-warnings.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { flagLines } from './help-flags.js';
import type { CliIo } from './io.js';
import type { Subcommand } from './subcommand.js';
import { UsageError } from './usage-error.js';

/** Thrown by the option parser on -h, -help or --help: the command prints its help instead. */
export class HelpRequested extends Error {
  override readonly name = 'HelpRequested';
}

export interface SubcommandSpec<Parsed> {
  name: string;
  /** One line for `gwb --help`; the first line of the command's own help. */
  usage: string;
  summary: string;
  /** The rest of `gwb NAME --help`: what it does, its options, examples. */
  help: string;
  /** Reads the arguments after the command's name; throws UsageError for a mistake in them. */
  parse(args: string[]): Parsed;
  /**
   * The header flags (-H, …) of a command that takes them: a -bin value that is not base64 is
   * sent as its text, and said on stderr as gwb's own call line says it (binTextWarnings).
   */
  headerFlags?(parsed: Parsed): HeaderFlags;
  execute(parsed: Parsed, io: CliIo): Promise<number>;
}

/** The command's full help text, as `gwb NAME --help` prints it. */
export function helpText(
  spec: Pick<SubcommandSpec<unknown>, 'usage' | 'summary' | 'help'>,
): string {
  return `Usage: gwb ${spec.usage}\n\n${spec.help.replace(/\n*$/, '\n')}`;
}

export function defineSubcommand<Parsed>(spec: SubcommandSpec<Parsed>): Subcommand {
  return {
    name: spec.name,
    usage: spec.usage,
    summary: spec.summary,
    run: async (args, io) => {
      let parsed: Parsed;
      try {
        parsed = spec.parse(args);
      } catch (error) {
        if (error instanceof HelpRequested) {
          io.stdout.write(helpText(spec));
          return EXIT_OK;
        }
        if (!(error instanceof UsageError)) throw error;
        io.stderr.write(`gwb ${spec.name}: ${withoutCommandName(error.message, spec.name)}\n`);
        io.stderr.write(`Try 'gwb ${spec.name} --help' for more details.\n`);
        return EXIT_USAGE;
      }
      if (spec.headerFlags)
        for (const warning of binTextWarnings(spec.headerFlags(parsed))) io.stderr.write(warning);
      return spec.execute(parsed, io);
    },
  };
}

/** The messages name their command (`replay: …`) for other callers; the prefix already does here. */
function withoutCommandName(message: string, name: string): string {
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
}

/** The call flags a command takes, listed from the flag table under headings by their group. */
export function callFlagsHelp(names: readonly FlagName[]): string {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const def = GRPCURL_FLAGS[name] as AnyFlagDef;
    const title = GROUP_TITLES[def.group] ?? 'Other';
    groups.set(title, [...(groups.get(title) ?? []), flagLines(name, def)]);
  }
  return [...groups].map(([title, lines]) => `${title}:\n${lines.join('\n')}\n`).join('\n');
}

const GROUP_TITLES: Record<string, string> = {
  connection: 'Connection and TLS (as a call takes them)',
  metadata: 'Metadata (as a call takes it)',
  request: 'Request (as a call takes it)',
  output: 'Output (as a call takes it)',
};
