// The request document → a grpcurl command line, flag by flag through the table. Reading the line
// back with parseGrpcurlCommand gives the same document (see round-trip.test.ts for the form).
import type { RequestDocument } from '../request/document.js';
import type { MetadataRow } from '../request/metadata.js';
import { GrpcurlError } from './errors.js';
import { GRPCURL_FLAGS } from './flag-table.js';
import type { FlagName, RequestMapping } from './flag-types.js';
import { shellJoin } from './shell-quote.js';
import { authHeaderRow } from './auth-header-text.js';

const FLAG_NAMES = Object.keys(GRPCURL_FLAGS) as FlagName[];

/** The words of a flag holding `value`; none for false, undefined, 0 and []. */
function flagWords(name: FlagName, value: unknown): string[] {
  if (value === undefined || value === false || value === 0) return [];
  if (value === true) return [`-${name}`];
  if (Array.isArray(value)) return value.flatMap((v: string) => [`-${name}`, v]);
  return [`-${name}`, String(value)];
}

export interface GrpcurlExportOptions {
  /**
   * The header the engine resolved the auth to, as a call sends it (secret variables, inherited
   * auth and a fetched OAuth2 token included: "Copy as grpcurl" with secrets, asked for). Written
   * in place of the document's Auth section, which then is not read.
   */
  resolvedAuth?: MetadataRow;
}

/** The auth as a header row, or what grpcurl cannot carry of it. */
function authOf(doc: RequestDocument, options: GrpcurlExportOptions) {
  return options.resolvedAuth ? { row: options.resolvedAuth } : authHeaderRow(doc.auth);
}

/** The command line's words after `grpcurl`: flags in table order, then ADDRESS and METHOD. */
export function grpcurlArgs(doc: RequestDocument, options: GrpcurlExportOptions = {}): string[] {
  if (doc.method === '') {
    throw new GrpcurlError('the request has no method yet; pick one to write it as grpcurl');
  }
  const words: string[] = [];
  // The Auth section travels as the header it sends (`-H 'authorization: Bearer …'`).
  const auth = authOf(doc, options);
  if (auth && 'row' in auth) doc = withAuthRow(doc, auth.row);
  for (const name of FLAG_NAMES) {
    const mapping = (GRPCURL_FLAGS[name] as { request?: RequestMapping<unknown> }).request;
    if (mapping) words.push(...flagWords(name, mapping.read(doc)));
  }
  // An address that looks like a flag must come after `--` to be read as the address.
  if (doc.connection.address.startsWith('-')) words.push('--');
  words.push(doc.connection.address, doc.method.replace(/^\//, ''));
  return words;
}

/**
 * The auth row first in the call's headers and, when the schema comes by reflection, in its
 * headers too (the engine authenticates reflection as well), so it is written as one `-H`.
 */
function withAuthRow(doc: RequestDocument, row: MetadataRow): RequestDocument {
  const metadata = [row, ...doc.metadata];
  if (doc.schema !== undefined && doc.schema.kind !== 'reflection') return { ...doc, metadata };
  const reflection = doc.schema?.metadata ?? [];
  return { ...doc, metadata, schema: { kind: 'reflection', metadata: [row, ...reflection] } };
}

/** One POSIX-quoted command line: `grpcurl -plaintext -d '{"id":"1"}' host:port pkg.Svc/Method`. */
export function grpcurlCommand(doc: RequestDocument, options: GrpcurlExportOptions = {}): string {
  return `grpcurl ${shellJoin(grpcurlArgs(doc, options))}`;
}

/** What the document holds that grpcurl has no flag for, in words (to tell the user). */
export function notInGrpcurl(doc: RequestDocument, options: GrpcurlExportOptions = {}): string[] {
  const left: string[] = [];
  if (doc.connection.maxSendBytes !== undefined) left.push('the largest message sent');
  // grpcurl has no proxy flag: it goes through whatever https_proxy says when it runs.
  if (doc.connection.proxy !== undefined) left.push('the proxy: grpcurl reads https_proxy only');
  // gwb's own -compress flag (gwbOwn in the flag table) is not grpcurl's.
  if (doc.connection.compression !== undefined && doc.connection.compression !== 'identity')
    left.push('compression: grpcurl cannot compress');
  const disabled = doc.metadata.filter((r) => r.enabled === false).length;
  if (disabled > 0) left.push(`${disabled} disabled metadata row${disabled === 1 ? '' : 's'}`);
  if (doc.notes.trim() !== '') left.push('the notes');
  const auth = authOf(doc, options);
  if (auth && 'left' in auth) left.push(auth.left);
  return left;
}
