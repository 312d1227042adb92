import { findFlag, flagDef, type FlagName } from '../../shared/grpcurl/index.js';
import { parseArgs, type ParsedArgs } from './flags.js';
import { HelpRequested } from './subcommand-run.js';
import { UsageError } from './usage-error.js';

/** -h, -help and --help: every subcommand prints its help on them. */
const HELP_NAMES = new Set(['h', 'help']);

/** How a subcommand option takes its value. */
export type OptionKind = 'string' | 'number' | 'bool' | 'list';

export type OptionSpec = Record<string, OptionKind>;

type ValueOf<K extends OptionKind> = K extends 'string'
  ? string
  : K extends 'number'
    ? number
    : K extends 'bool'
      ? boolean
      : string[];

export type ParsedOptions<S extends OptionSpec> = {
  [N in keyof S]?: ValueOf<S[N]>;
};

/**
 * Options of a subcommand (`gwb demo-server --port 1`), read the same way as gwb's flags: one dash
 * or two, `--name value` or `--name=value`. Subcommands other than grpcurl's own take only these,
 * so a mistyped option is an error instead of being read as a grpcurl flag. -h/--help throws
 * HelpRequested (see subcommand-run.ts).
 */
export function parseSubcommandOptions<S extends OptionSpec>(
  command: string,
  args: readonly string[],
  spec: S,
  /** The call flags (from the table) the command takes too, read as a call reads them. */
  callFlags: readonly FlagName[] = [],
): { options: ParsedOptions<S>; positional: string[]; flags: ParsedArgs } {
  const options: Record<string, string | number | boolean | string[]> = {};
  const positional: string[] = [];
  const flagWords: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined && HELP_NAMES.has(name)) throw new HelpRequested();
    const flag = kind === undefined ? findFlag(name) : undefined;
    if (flag !== undefined && callFlags.includes(flag)) {
      // Kept for the table's parser; a value in the next word goes with it.
      flagWords.push(arg);
      const takesValue = flagDef(flag).kind !== 'bool' && inline === undefined;
      if (takesValue && i + 1 < args.length) flagWords.push(args[++i] as string);
      continue;
    }
    if (kind === undefined) {
      const known = Object.keys(spec).map((n) => `--${n}`);
      const also = callFlags.length > 0 ? ' and the call flags its --help lists' : '';
      throw new UsageError(
        `${command}: unknown option -${name}${known.length ? ` (it takes ${known.join(', ')}${also})` : ''}`,
      );
    }
    if (kind === 'bool') {
      if (inline !== undefined && !/^(true|false)$/i.test(inline)) {
        throw new UsageError(`${command}: --${name} is true or false, not "${inline}"`);
      }
      options[name] = inline === undefined || /^true$/i.test(inline);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`${command}: --${name} needs a value`);
    if (kind === 'number') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) {
        throw new UsageError(`${command}: --${name} takes a number, not "${value}"`);
      }
      options[name] = n;
    } else if (kind === 'list') {
      const list = (options[name] as string[] | undefined) ?? [];
      list.push(value);
      options[name] = list;
    } else {
      options[name] = value;
    }
  }
  return { options: options as ParsedOptions<S>, positional, flags: parseArgs(flagWords) };
}
