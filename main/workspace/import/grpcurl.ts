// A pasted grpcurl command line → a saved request (the inverse of "Copy as grpcurl").
import type { JsonValue } from '../../../shared/calls/events.js';
import type {
  SavedMetadataRow,
  SavedRequest,
  SavedSecurity,
} from '../../../shared/workspace/saved-request.js';
import type { SchemaSourceInput } from '../../../shared/workspace/schema-source.js';
import { normalizeRequest } from '../request-files.js';
import { WorkspaceError } from '../store/workspace-error.js';
import { parseJsonValues } from './json-values.js';
import { shellWords } from '../../../shared/grpcurl/shell-words.js';

export interface ParsedGrpcurl {
  /** schemaSource is unset: the caller adds `schemaSource` (below) to the workspace and sets the id. */
  request: SavedRequest;
  /** The -proto/-import-path or -protoset files, when given (reflection otherwise). */
  schemaSource?: SchemaSourceInput;
  /** Flags that were understood but have no saved-request equivalent (e.g. -v, -connect-timeout). */
  ignored: string[];
}

const BOOL_FLAGS = new Set([
  'plaintext',
  'insecure',
  'emit-defaults',
  'allow-unknown-fields',
  'v',
  'vv',
  'use-reflection',
  'format-error',
  'keepalive-time',
  'help',
  'version',
]);
const VALUE_FLAGS = new Set([
  'd',
  'H',
  'rpc-header',
  'reflect-header',
  'authority',
  'servername',
  'cacert',
  'cert',
  'key',
  'proto',
  'import-path',
  'protoset',
  'max-time',
  'connect-timeout',
  'format',
  'max-msg-size',
  'keepalive-time',
  'user-agent',
  'unix',
  'alts-handshaker-service',
  'alts-target-service-account',
  'protoset-out',
  'proto-out-dir',
  'expand-headers',
]);
const IGNORED = new Set([
  'v',
  'vv',
  'connect-timeout',
  'format',
  'max-msg-size',
  'keepalive-time',
  'user-agent',
  'format-error',
  'use-reflection',
  'expand-headers',
]);

interface Flags {
  bools: Set<string>;
  values: Map<string, string[]>;
  positional: string[];
}

function parseFlags(words: string[]): Flags {
  const flags: Flags = { bools: new Set(), values: new Map(), positional: [] };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!word.startsWith('-') || word === '-') {
      flags.positional.push(word);
      continue;
    }
    // Go's flag package takes -name and --name, with the value as the next word or after '='.
    const body = word.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    if (BOOL_FLAGS.has(name) && !VALUE_FLAGS.has(name)) {
      if (inline === undefined || inline === 'true') flags.bools.add(name);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new WorkspaceError(`grpcurl flag ${word} is not known`);
    const value = inline ?? words[++i];
    if (value === undefined) throw new WorkspaceError(`grpcurl flag -${name} needs a value`);
    flags.values.set(name, [...(flags.values.get(name) ?? []), value]);
  }
  return flags;
}

function header(text: string): SavedMetadataRow {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new WorkspaceError(`-H "${text}" is not "name: value"`);
  return { key: text.slice(0, colon).trim().toLowerCase(), value: text.slice(colon + 1).trim() };
}

/** `pkg.Service/Method` or `pkg.Service.Method` → `/pkg.Service/Method`. */
export function methodPath(symbol: string): string {
  const name = symbol.replace(/^[/.]/, '');
  const slash = name.lastIndexOf('/');
  const cut = slash !== -1 ? slash : name.lastIndexOf('.');
  if (cut <= 0 || cut === name.length - 1)
    throw new WorkspaceError(`"${symbol}" is not a method name (SERVICE/METHOD)`);
  return `/${name.slice(0, cut)}/${name.slice(cut + 1)}`;
}

export interface GrpcurlImportOptions {
  /** Display name of the new request (default: the method name). */
  name?: string;
}

export function parseGrpcurl(commandLine: string, opts: GrpcurlImportOptions = {}): ParsedGrpcurl {
  let words = shellWords(commandLine.trim().replace(/^\$\s+/, ''));
  if (words[0] !== undefined && /(^|\/)grpcurl(\.exe)?$/.test(words[0])) words = words.slice(1);
  if (words.length === 0) throw new WorkspaceError('the grpcurl command is empty');
  const flags = parseFlags(words);
  const one = (name: string): string | undefined => flags.values.get(name)?.at(-1);
  const all = (name: string): string[] => flags.values.get(name) ?? [];

  const positional = flags.positional;
  if (positional.includes('list') || positional.includes('describe')) {
    throw new WorkspaceError(
      'grpcurl list/describe commands do not make a request; paste a command that calls a method',
    );
  }
  if (positional.length < 2)
    throw new WorkspaceError(
      `the grpcurl command needs an address and a method (found: ${positional.join(' ') || 'neither'})`,
    );
  if (positional.length > 2)
    throw new WorkspaceError(
      `too many arguments in the grpcurl command: ${positional.slice(2).join(' ')}`,
    );
  const [address = '', symbol = ''] = positional;

  const plaintext = flags.bools.has('plaintext');
  const security: SavedSecurity = plaintext
    ? { kind: 'plaintext' }
    : {
        kind: 'tls',
        ...(one('cacert') !== undefined ? { caFile: one('cacert') } : {}),
        ...(one('cert') !== undefined ? { certFile: one('cert') } : {}),
        ...(one('key') !== undefined ? { keyFile: one('key') } : {}),
        ...(flags.bools.has('insecure') ? { skipVerify: true } : {}),
        ...(one('servername') !== undefined ? { serverName: one('servername') } : {}),
      };

  const data = one('d');
  if (data === '@')
    throw new WorkspaceError('-d @ reads the request from stdin; paste the JSON in place of @');
  const messages: JsonValue[] = data === undefined ? [] : parseJsonValues(data, '-d');
  const body: JsonValue =
    messages.length === 0 ? {} : messages.length === 1 ? (messages[0] as JsonValue) : messages;

  const maxTime = one('max-time');
  let deadlineMs: number | undefined;
  if (maxTime !== undefined) {
    const seconds = Number(maxTime);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new WorkspaceError(`-max-time "${maxTime}" is not a number of seconds`);
    deadlineMs = Math.max(1, Math.round(seconds * 1000));
  }

  const protos = all('proto');
  const protosets = all('protoset');
  let schemaSource: SchemaSourceInput | undefined;
  if (protos.length > 0)
    schemaSource = { kind: 'protoFiles', files: protos, importPaths: all('import-path') };
  else if (protosets.length > 0)
    schemaSource = { kind: 'descriptorSet', path: protosets[0] as string };

  const method = methodPath(symbol);
  const request = normalizeRequest(
    {
      name: opts.name ?? method.slice(method.lastIndexOf('/') + 1),
      connection: {
        address,
        security,
        ...(one('authority') !== undefined ? { authority: one('authority') } : {}),
      },
      method,
      body,
      metadata: [...all('H'), ...all('rpc-header')].map(header),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      options: {
        ...(flags.bools.has('emit-defaults') ? { emitDefaults: true } : {}),
        ...(flags.bools.has('allow-unknown-fields') ? { allowUnknownFields: true } : {}),
      },
    },
    'grpcurl command',
  );
  const ignored = [...flags.bools, ...flags.values.keys()]
    .filter((f) => IGNORED.has(f))
    .map((f) => `-${f}`);
  if (protosets.length > 1) ignored.push('-protoset (only the first is kept)');
  if (all('reflect-header').length > 0) ignored.push('-reflect-header');
  return { request, ...(schemaSource ? { schemaSource } : {}), ignored };
}
