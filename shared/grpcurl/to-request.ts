// A parsed grpcurl command line → the request document, flag by flag through the table.
import {
  RequestDocumentSchema,
  toMethodPath,
  methodName,
  type RequestDocument,
} from '../request/document.js';
import { isPlainlyValidDocument } from '../request/plain-check.js';
import { GrpcurlError } from './errors.js';
import { GRPCURL_FLAGS } from './flag-table.js';
import type { FlagName, GrpcurlFlags, RequestMapping } from './flag-types.js';
import { isSet, type ParsedGrpcurl } from './parse-args.js';

export interface RequestFromGrpcurlOptions {
  /** The ADDRESS word. */
  address: string;
  /** The method word, in any form grpcurl takes (`pkg.Svc/M`, `pkg.Svc.M`); '' for none. */
  method: string;
  /** The document's name; the method's own name by default. */
  name?: string;
  /**
   * `-d @`: 'later' when the caller sends the messages from stdin itself (the document then holds
   * none); otherwise `-d @` is an error, since a document holds its messages.
   */
  stdin?: 'later';
}

const FLAG_NAMES = Object.keys(GRPCURL_FLAGS) as FlagName[];

function mappingOf(name: FlagName): RequestMapping<unknown> | undefined {
  return (GRPCURL_FLAGS[name] as { request?: RequestMapping<unknown> }).request;
}

/** Which flags set a document field, to name them when the document refuses a value. */
function flagsForPath(path: string, flags: GrpcurlFlags): FlagName[] {
  return FLAG_NAMES.filter((name) => {
    const field = mappingOf(name)?.field;
    return (
      field !== undefined && isSet(flags, name) && (path === field || path.startsWith(`${field}.`))
    );
  });
}

/**
 * Refuses a value longer than its flag's `maxLength`, in the words the document's schema uses.
 * Every command that reads the flags passes here (a call through its document, `list` and
 * `describe`, which build none, before they read a file or connect), so one flag gets one answer:
 * the same message, the same exit code. Throws GrpcurlError naming the flag.
 */
export function checkFlagLengths(flags: GrpcurlFlags): void {
  for (const name of FLAG_NAMES) {
    const max = (GRPCURL_FLAGS[name] as { maxLength?: number }).maxLength;
    if (max === undefined) continue;
    const value: unknown = flags[name];
    const values = Array.isArray(value) ? (value as string[]) : [value];
    const long = values.find((v) => typeof v === 'string' && v.length > max);
    if (long !== undefined)
      throw new GrpcurlError(`-${name}: longer than ${max} characters`, name, long as string);
  }
}

/** The given flags that set a field `wanted` accepts applied over `base`, in table order. */
function appliedFlags(
  base: RequestDocument,
  flags: GrpcurlFlags,
  wanted: (field: string) => boolean,
): RequestDocument {
  checkFlagLengths(flags);
  let doc = base;
  for (const name of FLAG_NAMES) {
    const mapping = mappingOf(name);
    if (mapping && wanted(mapping.field) && isSet(flags, name))
      doc = mapping.apply(doc, flags[name] as NonNullable<GrpcurlFlags[FlagName]>, flags);
  }
  return doc;
}

/** What `list` and `describe` connect with: the connection and the -max-time deadline. */
export interface BrowseTarget {
  connection: RequestDocument['connection'];
  deadlineMs?: number;
}

/**
 * The connection and deadline a grpcurl command line gives `list` and `describe`, which make no
 * call: only the table's connection flags and -max-time, applied as for a request. The rest of a
 * request (-d, whose text grpcurl ignores there with a warning; -H, which reflection sends from
 * the flags) is not read, and no request document is built or validated: the parser has checked
 * each flag's value and range, appliedFlags each text's length (the table's maxLength), and the
 * connection flags map an empty or zero value to "not set", so the values are the ones a document
 * would hold. (Building one loaded zod and its schemas, a
 * tenth of a `gwb list`, and failed a list on -d text that is not JSON, where grpcurl lists.)
 */
export function browseTargetFromGrpcurl(parsed: ParsedGrpcurl, address: string): BrowseTarget {
  const base: RequestDocument = {
    name: 'grpcurl',
    connection: { address, security: { kind: 'tls' } },
    method: '',
    messages: [],
    metadata: [],
    options: {},
    notes: '',
  };
  const doc = appliedFlags(
    base,
    parsed.flags,
    (field) => field === 'deadlineMs' || field.startsWith('connection.'),
  );
  return {
    connection: doc.connection,
    ...(doc.deadlineMs !== undefined ? { deadlineMs: doc.deadlineMs } : {}),
  };
}

/** The request a grpcurl command line describes; throws GrpcurlError naming the flag at fault. */
export function requestFromGrpcurl(
  parsed: ParsedGrpcurl,
  opts: RequestFromGrpcurlOptions,
): RequestDocument {
  // An empty method: the connection and schema only (gwb list/describe).
  const method = opts.method === '' ? '' : toMethodPath(opts.method);
  if (method === undefined) {
    throw new GrpcurlError(
      `"${opts.method}" is not a method name; write SERVICE/METHOD, e.g. example.UserService/GetUser`,
      undefined,
      opts.method,
    );
  }
  const flags: GrpcurlFlags =
    opts.stdin === 'later' && parsed.flags.d === '@'
      ? { ...parsed.flags, d: undefined }
      : parsed.flags;
  // grpcurl's defaults: TLS, reflection, no messages (a unary call then sends an empty one).
  const doc: RequestDocument = {
    name: opts.name ?? (methodName(method) || 'grpcurl'),
    connection: { address: opts.address, security: { kind: 'tls' } },
    method,
    messages: [],
    metadata: [],
    options: {},
    notes: '',
  };
  return applyGrpcurlFlags(doc, flags);
}

/**
 * The document with the flags that were given applied over it, in table order: what a grpcurl
 * line describes when applied to grpcurl's defaults, and the overrides `gwb request run` and
 * `gwb replay` take over a saved request (-plaintext replaces the security, -H adds a row, …).
 * Throws GrpcurlError naming the flag when the result is not a valid document.
 */
export function applyGrpcurlFlags(base: RequestDocument, flags: GrpcurlFlags): RequestDocument {
  const doc = appliedFlags(base, flags, () => true);
  // What most command lines give passes the plain check, which loads no zod (a call's start-up);
  // whatever it does not vouch for is checked by the schema, which names the flag at fault.
  if (isPlainlyValidDocument(doc)) return doc;
  const checked = RequestDocumentSchema.safeParse(doc);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const culprits = flagsForPath(path, flags);
  const where = culprits.length > 0 ? culprits.map((c) => `-${c}`).join(' or ') : path;
  const empty = issue?.code === 'too_small' && issue.minimum === 1;
  const message = empty ? 'must not be empty' : (issue?.message ?? 'invalid value');
  throw new GrpcurlError(`${where}: ${message}`, culprits[0]);
}
