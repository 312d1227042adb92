// `gwb run`'s own options beyond the workspace ones: which reporters write where, the data file,
// iterations, snapshots; and the call flags given on the command line, handed to the engine's
// runner as the words they were (it lays them over every saved request).
import { flagDef, type FlagName, type GrpcurlFlags } from '../../shared/grpcurl/index.js';
import type { ParsedArgs } from './flags.js';
import { UsageError } from './usage-error.js';

export const REPORTERS = ['cli', 'junit', 'json', 'tap'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export interface ReporterTarget {
  name: ReporterName;
  /** Absent: stdout. */
  file?: string;
}

const isReporter = (name: string): name is ReporterName =>
  (REPORTERS as readonly string[]).includes(name);

/**
 * `--reporter NAME` or `--reporter NAME:FILE`, any number of times. At most one writes to stdout;
 * when none does, the cli report does (so a run that writes JUnit to a file still shows its
 * progress). Default: the cli report on stdout.
 */
export function parseReporters(values: readonly string[] | undefined): ReporterTarget[] {
  const targets: ReporterTarget[] = [];
  for (const value of values ?? []) {
    const colon = value.indexOf(':');
    const name = colon === -1 ? value : value.slice(0, colon);
    const file = colon === -1 ? undefined : value.slice(colon + 1);
    if (!isReporter(name))
      throw new UsageError(
        `--reporter is ${REPORTERS.join(', ')} (NAME or NAME:FILE), not "${value}"`,
      );
    if (file === '') throw new UsageError(`--reporter ${name}: needs a file after the colon`);
    if (file !== undefined && targets.some((t) => t.file === file))
      throw new UsageError(`--reporter: two reports would write ${file}`);
    targets.push(file === undefined ? { name } : { name, file });
  }
  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1)
    throw new UsageError(
      `--reporter: only one report can go to stdout (${toStdout.map((t) => t.name).join(', ')}); give the others a file, e.g. --reporter junit:results.xml`,
    );
  if (toStdout.length === 0 && !targets.some((t) => t.name === 'cli'))
    targets.unshift({ name: 'cli' });
  return targets;
}

/** The call flags as words again (`-H`, `x: 1`, `-plaintext`), for the runner to read. */
export function callFlagWords(parsed: ParsedArgs): string[] {
  const flags: GrpcurlFlags = parsed.flags;
  const words: string[] = [];
  for (const name of parsed.given as FlagName[]) {
    const value: unknown = flags[name];
    const def = flagDef(name);
    if (def.kind === 'bool') words.push(`-${name}=${value === true ? 'true' : 'false'}`);
    else if (def.kind === 'list') for (const v of value as string[]) words.push(`-${name}`, v);
    else if (value !== undefined) words.push(`-${name}`, String(value));
  }
  return words;
}

export function positiveIterations(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 100_000)
    throw new UsageError(`--iterations is a whole number from 1 to 100000, not ${value}`);
  return value;
}
