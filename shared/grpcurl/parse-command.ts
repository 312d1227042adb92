// A pasted grpcurl (or gwb) command line → a request document, and what in it the document does
// not keep. Nothing is expanded or executed: the words are read as a POSIX shell would split them.
import type { RequestDocument } from '../request/document.js';
import { GrpcurlError } from './errors.js';
import { GRPCURL_FLAGS } from './flag-table.js';
import type { FlagName, GrpcurlFlags } from './flag-types.js';
import { binTextHeaders } from './bin-header-warnings.js';
import { headerFlagsAsVariables } from './expand-headers.js';
import { flagDef, isSet, parseGrpcurlArgs, type ParsedGrpcurl } from './parse-args.js';
import { shellWords } from './shell-words.js';
import { requestFromGrpcurl } from './to-request.js';

export interface ParsedGrpcurlCommand {
  request: RequestDocument;
  /** Flags that were read but are not part of a request (`-v`), each with why when not plain: not kept. */
  ignored: string[];
  /** What was kept, but not as typed, each saying how (a -bin header that is not base64). */
  notes: string[];
}

const FLAG_NAMES = Object.keys(GRPCURL_FLAGS) as FlagName[];

/** `grpcurl`, `gwb`, `./grpcurl`, `/usr/bin/grpcurl.exe`, `npx gwb` at the start of the line. */
function commandWords(words: string[]): string[] {
  let rest = words;
  if (rest[0] === 'npx') rest = rest.slice(1);
  if (rest[0] !== undefined && /(^|\/)(grpcurl|gwb)(\.exe)?$/.test(rest[0])) rest = rest.slice(1);
  return rest;
}

/** Flags given that do something on the command line but have no place in the document. */
function ignoredFlags(given: readonly FlagName[], flags: GrpcurlFlags): string[] {
  const files = flags.proto.length > 0 || flags.protoset.length > 0;
  const ignored: string[] = [];
  for (const name of FLAG_NAMES) {
    // Kept, as workspace variables: a note (importNotes), not something left out.
    if (!given.includes(name) || name === 'expand-headers') continue;
    const role = flagDef(name).role;
    if (role === 'unsupported') ignored.push(`-${name} (gwb does not support it)`);
    else if (role !== 'request') ignored.push(`-${name}`);
    else if (name === 'reflect-header' && files && isSet(flags, name))
      ignored.push('-reflect-header (the schema comes from files, not reflection)');
    else if (name === 'import-path' && flags.proto.length === 0 && isSet(flags, name))
      ignored.push('-import-path (no -proto file to import from)');
  }
  if (given.includes('use-reflection') && flags['use-reflection'] === true && files) {
    const at = ignored.indexOf('-use-reflection');
    ignored[at] = '-use-reflection (the request keeps the schema files only)';
  }
  return ignored;
}

/** What the document keeps, but not as typed: said, as gwb says it on stderr. */
function importNotes(flags: GrpcurlFlags, variables: readonly string[]): string[] {
  const notes = binTextHeaders(flags).map(
    ({ flag, text }) =>
      `-${flag} ${JSON.stringify(text)} is not base64: its text is kept and sent, as grpcurl does`,
  );
  if (variables.length > 0) {
    const each = variables.map((name) => `\${${name}} is {{${name}}}`).join(', ');
    notes.push(
      `-expand-headers: ${each}, a variable of the workspace's environment (set it there)`,
    );
  }
  return notes;
}

/** -expand-headers's `${NAME}` as the workspace's `{{NAME}}`; without the flag, as typed. */
function withHeaderVariables(parsed: ParsedGrpcurl): {
  parsed: ParsedGrpcurl;
  variables: string[];
} {
  if (parsed.flags['expand-headers'] !== true) return { parsed, variables: [] };
  const { flags, names } = headerFlagsAsVariables(parsed.flags);
  return { parsed: { ...parsed, flags }, variables: names };
}

/**
 * Reads a grpcurl command that calls a method. Errors say which flag or word is wrong; `list` and
 * `describe` commands, `-d @` and missing words are refused with what to paste instead.
 */
export function parseGrpcurlCommand(
  text: string,
  opts: { name?: string } = {},
): ParsedGrpcurlCommand {
  const words = commandWords(shellWords(text.trim().replace(/^\$\s+/, '')));
  if (words.length === 0) throw new GrpcurlError('the grpcurl command is empty');
  const { parsed, variables } = withHeaderVariables(parseGrpcurlArgs(words));
  const { positional } = parsed;
  if (positional.includes('list') || positional.includes('describe')) {
    throw new GrpcurlError(
      'grpcurl list/describe commands do not make a request; paste a command that calls a method',
    );
  }
  if (positional.length < 2) {
    throw new GrpcurlError(
      `the grpcurl command needs an address and a method (found: ${positional.join(' ') || 'neither'})`,
    );
  }
  if (positional.length > 2) {
    throw new GrpcurlError(
      `too many arguments in the grpcurl command: ${positional.slice(2).join(' ')}`,
      undefined,
      positional[2],
    );
  }
  const [address = '', method = ''] = positional;
  const request = requestFromGrpcurl(parsed, {
    address,
    method,
    ...(opts.name !== undefined ? { name: opts.name } : {}),
  });
  return {
    request,
    ignored: ignoredFlags(parsed.given, parsed.flags),
    notes: importNotes(parsed.flags, variables),
  };
}
