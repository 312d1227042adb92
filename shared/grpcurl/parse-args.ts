// grpcurl's command line as Go's flag package reads it: one dash or two, `-flag value` or
// `-flag=value`; boolean flags take no value but accept `-flag=true|false`. Unlike Go we also
// accept flags after the positional arguments, which is what people type when they add a flag at
// the end. Everything about each flag comes from the table.
import { GrpcurlError, GrpcurlFlagError } from './errors.js';
import { GRPCURL_FLAGS } from './flag-table.js';
import type { AnyFlagDef, FlagName, GrpcurlFlags, NumberFlagDef } from './flag-types.js';

export interface ParsedGrpcurl {
  flags: GrpcurlFlags;
  /** The words that are not flags (address, verb, symbol), in order. */
  positional: string[];
  /** The flags that were given, each once, in the order first seen. */
  given: FlagName[];
}

const FLAG_NAMES = Object.keys(GRPCURL_FLAGS) as FlagName[];

/** The table's definition of a flag. */
export function flagDef(name: FlagName): AnyFlagDef {
  return GRPCURL_FLAGS[name] as AnyFlagDef;
}

const BY_NAME = new Map<string, FlagName>();
for (const name of FLAG_NAMES) {
  BY_NAME.set(name, name);
  for (const alias of flagDef(name).aliases ?? []) BY_NAME.set(alias, name);
}

/** A flag by the name or alias typed (`h` → `help`), or undefined for an unknown one. */
export function findFlag(typed: string): FlagName | undefined {
  return BY_NAME.get(typed);
}

/** Every flag at its default: false, [], undefined. */
export function defaultFlags(): GrpcurlFlags {
  const flags: Record<string, unknown> = {};
  for (const name of FLAG_NAMES) {
    const def = flagDef(name);
    flags[name] = def.kind === 'list' ? [] : def.kind === 'bool' ? false : undefined;
  }
  // Unset means "reflection unless files are given", which differs from an explicit false.
  flags['use-reflection'] = undefined;
  return flags as unknown as GrpcurlFlags;
}

function parseBool(name: string, value: string): boolean {
  if (/^(1|t|true)$/i.test(value)) return true;
  if (/^(0|f|false)$/i.test(value)) return false;
  throw new GrpcurlFlagError(
    `invalid value "${value}" for flag -${name}: expected true or false`,
    name,
    value,
  );
}

/** Go's ParseFloat / ParseInt in base 10, as grpcurl's flags read numbers. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

function parseNumber(name: string, def: NumberFlagDef, value: string): number {
  const what = def.integer
    ? `an integer from 0 to ${def.max} (${def.unit})`
    : `a number of ${def.unit} from 0 to ${def.max}`;
  // Text that is not a number at all is Go's flag package's error; grpcurl then prints its usage.
  if (!(def.integer ? INTEGER : DECIMAL).test(value)) {
    throw new GrpcurlFlagError(
      `invalid value "${value}" for flag -${name}: expected ${what}`,
      name,
      value,
    );
  }
  const n = Number(value);
  // A number out of range is grpcurl's own check ("must not be negative"): one line.
  if (n < 0 || n > def.max) {
    throw new GrpcurlError(
      `invalid value "${value}" for flag -${name}: expected ${what}`,
      name,
      value,
    );
  }
  return n;
}

function setValue(flags: GrpcurlFlags, name: FlagName, def: AnyFlagDef, value: string): void {
  const bag = flags as unknown as Record<string, unknown>;
  switch (def.kind) {
    case 'string':
      if (def.choices && !def.choices.includes(value)) {
        throw new GrpcurlError(
          `-${name} ${value} is not supported; only -${name} ${def.choices.join(' or ')}`,
          name,
          value,
        );
      }
      bag[name] = value;
      return;
    case 'list':
      if (value !== '' || !def.skipEmpty) (bag[name] as string[]).push(value);
      return;
    case 'number':
      bag[name] = parseNumber(name, def, value);
      return;
    case 'bool':
      bag[name] = parseBool(name, value);
      return;
  }
}

/** Reads argv into flags and positional words; throws GrpcurlError naming the flag and word. */
export function parseGrpcurlArgs(argv: readonly string[]): ParsedGrpcurl {
  const flags = defaultFlags();
  const positional: string[] = [];
  const given: FlagName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const body = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
    const eq = body.indexOf('=');
    const typed = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    const name = findFlag(typed);
    if (name === undefined) {
      throw new GrpcurlFlagError(`flag provided but not defined: -${typed}`, typed, arg);
    }
    if (!given.includes(name)) given.push(name);
    const def = flagDef(name);
    if (def.kind === 'bool' && inline === undefined) {
      (flags as unknown as Record<string, unknown>)[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined)
      throw new GrpcurlFlagError(`flag needs an argument: -${typed}`, typed, arg);
    setValue(flags, name, def, value);
  }
  const parsed = { flags, positional, given };
  if (!flags.help && !flags.version) checkCombinations(parsed);
  return parsed;
}

/**
 * Whether a flag holds something: true, a non-empty value or list, a number above 0. As in
 * grpcurl, `-authority ''` and `-max-time 0` are the same as not giving the flag.
 */
export function isSet(flags: GrpcurlFlags, name: FlagName): boolean {
  const value: unknown = flags[name];
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return value > 0;
  return value !== undefined && value !== false && value !== '';
}

/** The table's `conflicts` and `needs`, checked once the whole line is read. */
function checkCombinations({ flags }: ParsedGrpcurl): void {
  for (const name of FLAG_NAMES) {
    if (!isSet(flags, name)) continue;
    const def = flagDef(name);
    const clashes = (def.conflicts ?? []).filter((other) => isSet(flags, other));
    if (clashes.length > 0) {
      const also = clashes.map((c) => `-${c}`).join(', ');
      throw new GrpcurlError(`-${name} cannot be combined with ${also}`, name);
    }
    if (def.needs && !isSet(flags, def.needs.flag)) {
      const [first, second] = [name, def.needs.flag].sort(
        (a, b) => FLAG_NAMES.indexOf(a) - FLAG_NAMES.indexOf(b),
      );
      throw new GrpcurlError(
        `-${first} and -${second} must be given together (${def.needs.reason})`,
        name,
      );
    }
  }
  const hasFiles = flags.proto.length > 0 || flags.protoset.length > 0;
  if (flags['use-reflection'] === false && !hasFiles) {
    throw new GrpcurlError(
      '-use-reflection=false needs -proto or -protoset to know the schema',
      'use-reflection',
    );
  }
}
