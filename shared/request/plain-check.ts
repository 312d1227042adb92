// A request document checked without zod, for the documents a grpcurl-style command line gives
// (gwb's one call): loading zod and building the document's schemas was ~8% of such a call's
// instructions. The check is conservative: it answers true only for the plain shapes flags make
// (TLS or plaintext, headers, JSON messages, the connection's numbers, files or reflection) when
// every field is within the limits the schema is built from (text-limits.ts). Anything else —
// an auth, assertions, a proxy, a protocol, an unknown key — answers false, and the caller checks
// the document with RequestDocumentSchema as before, which names the problem. So a document this
// accepts is one the schema accepts (plain-check.test.ts holds both to that), never the reverse.
import type { JsonValue } from '../calls/events.js';
import { jsonProblem } from '../json/json-problem.js';
import { COMPRESSIONS, type Connection } from './connection.js';
import type { RequestDocument } from './document.js';
import type { MetadataRow } from './metadata.js';
import { METHOD_PATH } from './method-path.js';
import type { SchemaSourceSpec } from './schema-source.js';
import { LIMITS, TEXT, textProblem, type TextLimits } from './text-limits.js';

/**
 * The keys each object may have, per schema; what a schema has besides these is never plain (the
 * caller asks the schema). plain-check.test.ts holds these against the schemas' shapes, so a key
 * added to a schema fails it until it is listed here or as not plain there.
 */
export const PLAIN_KEYS = {
  document: [
    'name',
    'connection',
    'schema',
    'method',
    'messages',
    'metadata',
    'deadlineMs',
    'options',
    'notes',
  ],
  connection: [
    'address',
    'security',
    'unix',
    'authority',
    'userAgent',
    'maxSendBytes',
    'maxReceiveBytes',
    'keepaliveMs',
    'connectTimeoutMs',
    'compression',
  ],
  plaintext: ['kind'],
  tls: ['kind', 'caFile', 'certFile', 'keyFile', 'skipVerify', 'serverName'],
  row: ['key', 'value', 'enabled'],
  options: ['emitDefaults', 'allowUnknownFields'],
  reflection: ['kind', 'metadata'],
  protoFiles: ['kind', 'files', 'importPaths'],
  descriptorSet: ['kind', 'files'],
} as const;
const KEYS = toSets(PLAIN_KEYS);

function toSets<T extends Record<string, readonly string[]>>(
  lists: T,
): { [K in keyof T]: ReadonlySet<string> } {
  const sets = {} as { [K in keyof T]: ReadonlySet<string> };
  for (const name in lists) sets[name] = new Set(lists[name]);
  return sets;
}

// What passed the check carries a mark only this module's checks give (a type, nothing at run
// time): the engine takes such values without checking them again (main/router invokeParsed), so
// a value nothing checked cannot reach it that way by mistake.
declare const checkedPlain: unique symbol;
type Plain<T> = T & { readonly [checkedPlain]: true };
export type PlainDocument = Plain<RequestDocument>;
export type PlainConnection = Plain<Connection>;
export type PlainRows = Plain<MetadataRow[]>;
export type PlainSchemaSource = Plain<SchemaSourceSpec>;
export type PlainMessage = Plain<JsonValue>;

/** Whether the schema would accept `doc` as it is, by the plain rules above; false: ask it. */
export function isPlainlyValidDocument(doc: RequestDocument): doc is PlainDocument {
  return (
    isRecord(doc, KEYS.document) &&
    isText(doc.name, TEXT.name) &&
    isText(doc.method, TEXT.method) &&
    (doc.method === '' || METHOD_PATH.test(doc.method)) &&
    isPlainlyValidConnection(doc.connection) &&
    (doc.schema === undefined || isPlainSchemaSource(doc.schema)) &&
    isList(doc.messages) &&
    doc.messages.length <= LIMITS.messages &&
    doc.messages.every(isPlainMessage) &&
    areMetadataRows(doc.metadata) &&
    isOptionalCount(doc.deadlineMs, LIMITS.deadlineMs) &&
    isRecord(doc.options, KEYS.options) &&
    isOptionalBoolean(doc.options.emitDefaults) &&
    isOptionalBoolean(doc.options.allowUnknownFields) &&
    isText(doc.notes, TEXT.notes)
  );
}

/** One message as a document holds them (call.send's, from -d @). */
export function isPlainMessage(message: JsonValue): message is PlainMessage {
  return jsonProblem(message) === undefined;
}

/** The connection part of the check (a command that sends only a connection). */
export function isPlainlyValidConnection(connection: Connection): connection is PlainConnection {
  const c = connection;
  return (
    isRecord(c, KEYS.connection) &&
    isText(c.address, TEXT.address) &&
    isPlainSecurity(c.security) &&
    isOptionalBoolean(c.unix) &&
    isOptionalText(c.authority, TEXT.authority) &&
    isOptionalText(c.userAgent, TEXT.userAgent) &&
    isOptionalCount(c.maxSendBytes, LIMITS.bytes) &&
    isOptionalCount(c.maxReceiveBytes, LIMITS.bytes) &&
    isOptionalCount(c.keepaliveMs, LIMITS.keepaliveMs) &&
    isOptionalCount(c.connectTimeoutMs, LIMITS.connectTimeoutMs) &&
    (c.compression === undefined || (COMPRESSIONS as readonly unknown[]).includes(c.compression))
  );
}

/** Metadata rows (a call's, or reflection's) the schema accepts, at most LIMITS.metadataRows. */
export function areMetadataRows(rows: readonly MetadataRow[]): rows is PlainRows {
  return (
    isList(rows) &&
    rows.length <= LIMITS.metadataRows &&
    rows.every(
      (row) =>
        isRecord(row, KEYS.row) &&
        isText(row.key, TEXT.metadataKey) &&
        isText(row.value, TEXT.metadataValue) &&
        isOptionalBoolean(row.enabled),
    )
  );
}

function isPlainSecurity(security: Connection['security']): boolean {
  // The TLS keys include plaintext's one.
  if (!isRecord(security, KEYS.tls)) return false;
  if (security.kind === 'plaintext') return isRecord(security, KEYS.plaintext);
  return (
    security.kind === 'tls' &&
    isOptionalText(security.caFile, TEXT.filePath) &&
    isOptionalText(security.certFile, TEXT.filePath) &&
    isOptionalText(security.keyFile, TEXT.filePath) &&
    isOptionalBoolean(security.skipVerify) &&
    isOptionalText(security.serverName, TEXT.serverName)
  );
}

/** A schema source (files or reflection) the schema accepts as it is. */
export function isPlainSchemaSource(source: SchemaSourceSpec): source is PlainSchemaSource {
  // Read nothing from a value before knowing it is an object: the check answers, never throws.
  if (typeof source !== 'object' || source === null) return false;
  switch (source.kind) {
    case 'reflection':
      return (
        isRecord(source, KEYS.reflection) &&
        (source.metadata === undefined || areMetadataRows(source.metadata))
      );
    case 'protoFiles':
      return (
        isRecord(source, KEYS.protoFiles) &&
        arePaths(source.files, 1, LIMITS.protoFiles) &&
        arePaths(source.importPaths, 0, LIMITS.importPaths)
      );
    case 'descriptorSet':
      return (
        isRecord(source, KEYS.descriptorSet) && arePaths(source.files, 1, LIMITS.descriptorSets)
      );
    default:
      return false;
  }
}

function arePaths(paths: readonly string[], min: number, max: number): boolean {
  return (
    isList(paths) &&
    paths.length >= min &&
    paths.length <= max &&
    paths.every((p) => isText(p, TEXT.filePath))
  );
}

/**
 * A list the schema gives back as it is: no holes (the schema sees `undefined` there), and no
 * named or symbol keys (the schema's copy drops them, so the engine would get another value).
 */
function isList(value: unknown): value is readonly unknown[] {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
  for (let i = 0; i < value.length; i++) if (!Object.hasOwn(value, i)) return false;
  return Object.keys(value).length === value.length && !hasSymbolKeys(value);
}

/** A plain object (`{}`) with no key outside `keys` (what a strict schema requires). */
function isRecord(value: unknown, keys: ReadonlySet<string>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  // Only Object.prototype: the schema's copy of an object without one (or of a class's) has it,
  // and of symbol keys has none, so the engine would get another value than the one checked.
  if (Object.getPrototypeOf(value) !== Object.prototype || hasSymbolKeys(value)) return false;
  for (const key of Object.keys(value)) {
    // A key holding undefined is one the schema would still see (and may refuse): ask it.
    if (!keys.has(key) || (value as Record<string, unknown>)[key] === undefined) return false;
  }
  return true;
}

function hasSymbolKeys(value: object): boolean {
  return Object.getOwnPropertySymbols(value).length > 0;
}

function isText(value: unknown, limits: TextLimits): boolean {
  return typeof value === 'string' && textProblem(value, limits) === undefined;
}

function isOptionalText(value: unknown, limits: TextLimits): boolean {
  return value === undefined || isText(value, limits);
}

function isOptionalBoolean(value: unknown): boolean {
  return value === undefined || typeof value === 'boolean';
}

/** Absent, or a whole number from 1 to `max` (the schema's `.int().positive().max(max)`). */
function isOptionalCount(value: unknown, max: number): boolean {
  return (
    value === undefined ||
    (Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= max)
  );
}
