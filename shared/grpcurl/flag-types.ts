// The shapes of grpcurl's flags: what a parsed command line holds, and what the table says about
// each flag. The table itself is flag-table.ts.
import type { RequestDocument } from '../request/document.js';

/**
 * A parsed command line: one property per flag, named as the flag is (`max-time`, `H`). Lists
 * hold every occurrence in order; a flag not given holds its default (false, [], undefined).
 */
export interface GrpcurlFlags {
  // Connection
  plaintext: boolean;
  insecure: boolean;
  cacert: string | undefined;
  cert: string | undefined;
  key: string | undefined;
  servername: string | undefined;
  authority: string | undefined;
  'user-agent': string | undefined;
  unix: boolean;
  'connect-timeout': number | undefined;
  'keepalive-time': number | undefined;
  'max-msg-sz': number | undefined;
  compression: string | undefined;
  protocol: string | undefined;
  'protocol-format': string | undefined;
  http1: boolean;
  'max-time': number | undefined;
  // Schema
  proto: string[];
  'import-path': string[];
  protoset: string[];
  /** Undefined when not given: reflection is then used only without -proto/-protoset. */
  'use-reflection': boolean | undefined;
  // Metadata
  H: string[];
  'rpc-header': string[];
  'reflect-header': string[];
  // Request and response
  d: string | undefined;
  'emit-defaults': boolean;
  'allow-unknown-fields': boolean;
  format: string | undefined;
  'format-error': boolean;
  'msg-template': boolean;
  record: string | undefined;
  v: boolean;
  help: boolean;
  version: boolean;
  'expand-headers': boolean;
  vv: boolean;
  // grpcurl flags gwb does not implement (known, so their values are skipped correctly)
  alts: boolean;
  'alts-handshaker-service': string | undefined;
  'alts-target-service-account': string[];
  'protoset-out': string | undefined;
  'proto-out-dir': string | undefined;
}

export type FlagName = keyof GrpcurlFlags;

/**
 * What a flag is for:
 * - `request`: part of the request document (it maps onto it and back);
 * - `cli`: how the command line behaves (output, help, verbosity), not part of the request;
 * - `gwb`: gwb's own addition to grpcurl's language (-record), also not part of the request;
 * - `unsupported`: grpcurl has it, gwb does not do it.
 */
export type FlagRole = 'request' | 'cli' | 'gwb' | 'unsupported';

/** Where a flag is listed in `gwb --help`. */
export type FlagGroup = 'connection' | 'metadata' | 'schema' | 'request' | 'output' | 'other';

/** How one flag maps onto the request document, and back. */
export interface RequestMapping<V> {
  /** The document field it sets, for errors and docs (`connection.security.caFile`). */
  field: string;
  /**
   * Text → document: applied in table order to a document built so far, only for a flag that was
   * given (true, a value, a non-empty list, a number above 0). `flags` is the whole command line.
   */
  apply(doc: RequestDocument, value: NonNullable<V>, flags: GrpcurlFlags): RequestDocument;
  /** Document → text: the value to write (false, undefined or [] write nothing). */
  read(doc: RequestDocument): V;
}

interface CommonDef {
  role: FlagRole;
  group: FlagGroup;
  /** Other names the flag answers to (`h` for `help`). */
  aliases?: readonly string[];
  /** What `gwb --help` says, one or more lines. */
  help: string;
  /** The value's name in help (`FILE`, `SECS`). */
  valueName?: string;
  /** Shown in help instead of the name and value (`-H 'name: value'`). */
  usage?: string;
  /** What grpcurl does without the flag, in words (`10`, `4 MiB`). */
  grpcurlDefault?: string;
  /** Flags that cannot be given with this one (checked once the whole line is read). */
  conflicts?: readonly FlagName[];
  /** A flag that must be given with this one, and why. */
  needs?: { flag: FlagName; reason: string };
  /** gwb's own flag, which grpcurl does not have: "Copy as grpcurl" never writes it. */
  gwbOwn?: true;
}

export interface BoolFlagDef<V extends boolean | undefined = boolean> extends CommonDef {
  kind: 'bool';
  request?: RequestMapping<V>;
}

export interface StringFlagDef extends CommonDef {
  kind: 'string';
  /** The only values accepted (`-format json`). */
  choices?: readonly string[];
  /** The longest value the request document holds, in characters (UTF-16 code units). */
  maxLength?: number;
  request?: RequestMapping<string | undefined>;
}

export interface ListFlagDef extends CommonDef {
  kind: 'list';
  /** The longest each value may be, in characters, as the request document holds it. */
  maxLength?: number;
  /** An empty value is no value (grpcurl's MetadataFromHeaders skips an empty -H ''). */
  skipEmpty?: boolean;
  request?: RequestMapping<string[]>;
}

/**
 * A number in the flag's unit. As in grpcurl, 0 means "not set" and a negative value is an error.
 */
export interface NumberFlagDef extends CommonDef {
  kind: 'number';
  unit: 'seconds' | 'bytes';
  integer: boolean;
  /** The largest value the request document holds, in the flag's unit. */
  max: number;
  request?: RequestMapping<number | undefined>;
}

type DefFor<V> = [V] extends [boolean | undefined]
  ? BoolFlagDef<V>
  : [V] extends [string[]]
    ? ListFlagDef
    : [V] extends [number | undefined]
      ? NumberFlagDef
      : StringFlagDef;

/** The table: every flag, in the order help lists them and command lines are written. */
export type FlagTable = { readonly [N in FlagName]: DefFor<GrpcurlFlags[N]> };

export type AnyFlagDef =
  BoolFlagDef<boolean | undefined> | StringFlagDef | ListFlagDef | NumberFlagDef;
