import { UsageError } from './usage-error.js';

// grpcurl's flags (Go's flag package): one dash or two, `-flag value` or `-flag=value`; boolean
// flags take no value but accept `-flag=true|false`. Unlike Go we also accept flags after the
// positional arguments, which is what people type when they add a flag at the end.

export interface CliFlags {
  plaintext: boolean;
  insecure: boolean;
  /** ADDRESS is the path of a Unix domain socket. */
  unix: boolean;
  keepaliveTimeSec?: number;
  cacert?: string;
  cert?: string;
  key?: string;
  authority?: string;
  servername?: string;
  /** -H: sent with both reflection and RPC requests. */
  headers: string[];
  rpcHeaders: string[];
  reflectHeaders: string[];
  data?: string;
  /** Write the call's event log to this file (a recording). */
  record?: string;
  protos: string[];
  importPaths: string[];
  protosets: string[];
  /** Undefined when not given: reflection is then used only if there are no -proto/-protoset. */
  useReflection?: boolean;
  maxTimeSec?: number;
  connectTimeoutSec?: number;
  maxMsgSize?: number;
  emitDefaults: boolean;
  allowUnknownFields: boolean;
  formatError: boolean;
  verbose: boolean;
  msgTemplate: boolean;
  help: boolean;
  version: boolean;
}

export interface ParsedArgs {
  flags: CliFlags;
  positional: string[];
}

type BoolFlag =
  | 'plaintext'
  | 'insecure'
  | 'unix'
  | 'useReflection'
  | 'emitDefaults'
  | 'allowUnknownFields'
  | 'formatError'
  | 'verbose'
  | 'msgTemplate'
  | 'help'
  | 'version';
type StringFlag = 'cacert' | 'cert' | 'key' | 'authority' | 'servername' | 'data' | 'record';
type ListFlag =
  'headers' | 'rpcHeaders' | 'reflectHeaders' | 'protos' | 'importPaths' | 'protosets';
type NumberFlag = 'maxTimeSec' | 'connectTimeoutSec' | 'keepaliveTimeSec' | 'maxMsgSize';

type FlagSpec =
  | { kind: 'bool'; field: BoolFlag }
  | { kind: 'string'; field: StringFlag }
  | { kind: 'list'; field: ListFlag }
  | { kind: 'number'; field: NumberFlag; integer: boolean; min: number };

const SPECS: Record<string, FlagSpec> = {
  plaintext: { kind: 'bool', field: 'plaintext' },
  insecure: { kind: 'bool', field: 'insecure' },
  unix: { kind: 'bool', field: 'unix' },
  'keepalive-time': { kind: 'number', field: 'keepaliveTimeSec', integer: false, min: 0.001 },
  cacert: { kind: 'string', field: 'cacert' },
  cert: { kind: 'string', field: 'cert' },
  key: { kind: 'string', field: 'key' },
  authority: { kind: 'string', field: 'authority' },
  servername: { kind: 'string', field: 'servername' },
  H: { kind: 'list', field: 'headers' },
  'rpc-header': { kind: 'list', field: 'rpcHeaders' },
  'reflect-header': { kind: 'list', field: 'reflectHeaders' },
  d: { kind: 'string', field: 'data' },
  record: { kind: 'string', field: 'record' },
  proto: { kind: 'list', field: 'protos' },
  'import-path': { kind: 'list', field: 'importPaths' },
  protoset: { kind: 'list', field: 'protosets' },
  'use-reflection': { kind: 'bool', field: 'useReflection' },
  'max-time': { kind: 'number', field: 'maxTimeSec', integer: false, min: 0 },
  'connect-timeout': { kind: 'number', field: 'connectTimeoutSec', integer: false, min: 0 },
  'max-msg-sz': { kind: 'number', field: 'maxMsgSize', integer: true, min: 1 },
  'emit-defaults': { kind: 'bool', field: 'emitDefaults' },
  'allow-unknown-fields': { kind: 'bool', field: 'allowUnknownFields' },
  'format-error': { kind: 'bool', field: 'formatError' },
  v: { kind: 'bool', field: 'verbose' },
  'msg-template': { kind: 'bool', field: 'msgTemplate' },
  help: { kind: 'bool', field: 'help' },
  h: { kind: 'bool', field: 'help' },
  version: { kind: 'bool', field: 'version' },
};

/** grpcurl flags gwb accepts with the only value it supports. */
const FIXED: Record<string, string> = { format: 'json' };

export function emptyFlags(): CliFlags {
  return {
    plaintext: false,
    insecure: false,
    unix: false,
    headers: [],
    rpcHeaders: [],
    reflectHeaders: [],
    protos: [],
    importPaths: [],
    protosets: [],
    emitDefaults: false,
    allowUnknownFields: false,
    formatError: false,
    verbose: false,
    msgTemplate: false,
    help: false,
    version: false,
  };
}

function parseBool(name: string, value: string): boolean {
  if (/^(1|t|true)$/i.test(value)) return true;
  if (/^(0|f|false)$/i.test(value)) return false;
  throw new UsageError(`invalid value "${value}" for flag -${name}: expected true or false`);
}

function parseNumber(name: string, value: string, integer: boolean, min: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) {
    const what = integer ? `an integer ≥ ${min}` : `a number of seconds ≥ ${min}`;
    throw new UsageError(`invalid value "${value}" for flag -${name}: expected ${what}`);
  }
  return n;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags = emptyFlags();
  const positional: string[] = [];
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
    const name = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);

    if (name in FIXED) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`flag needs an argument: -${name}`);
      if (value !== FIXED[name])
        throw new UsageError(`-${name} ${value} is not supported; only -${name} ${FIXED[name]}`);
      continue;
    }
    const spec = SPECS[name];
    if (!spec) throw new UsageError(`flag provided but not defined: -${name} (see gwb --help)`);
    if (spec.kind === 'bool') {
      flags[spec.field] = inline === undefined ? true : parseBool(name, inline);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`flag needs an argument: -${name}`);
    if (spec.kind === 'string') flags[spec.field] = value;
    else if (spec.kind === 'list') flags[spec.field].push(value);
    else flags[spec.field] = parseNumber(name, value, spec.integer, spec.min);
  }
  return { flags, positional };
}
