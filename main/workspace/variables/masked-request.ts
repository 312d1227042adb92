// A request document with a secret masked in its texts: name, notes, address, authority, user
// agent, proxy, TLS files and server name, metadata rows, schema sources, auth values of every
// kind, assertion expressions and names, capture expressions, snapshot ignore paths. Messages are
// masked as the call log masks them (secret-mask.ts json): their keys too, and a number equal to
// a secret becomes its placeholder. Not masked: enum words (`plaintext`, `bearer`), the method
// path, capture names and the numbers outside messages. Masked as a whole JSON value, a
// one-letter secret turned `kind: 'plaintext'` or the key `name` into something no request reader
// accepts, and the history entry holding it could no longer be read back. A `{{name}}` inside a
// text is a text like any other: a secret found in a variable's name is masked there too, and
// such an entry sent again names a variable that does not exist. A text that masking makes too
// long for its field is cut to fit (maskedText). A text field added to RequestDocument later
// passes through `{...doc}` unmasked: add it here (masked-request-fields.test.ts).
import type { Auth } from '../../../shared/request/auth.js';
import type { Connection, Security } from '../../../shared/request/connection.js';
import type { RequestDocument } from '../../../shared/request/document.js';
import type { MetadataRow } from '../../../shared/request/metadata.js';
import type { SchemaSourceSpec } from '../../../shared/request/schema-source.js';
import type { SecretMask } from '../../calls/secret-mask.js';

/**
 * Every text limit of a request document is at least this long (TEXT in text-limits.ts, an
 * assertion's name, a snapshot's ignore path, an expression, an auth text): a masked text cut to
 * its own length or to this, whichever is longer, stays within its field's limit.
 */
export const SHORTEST_TEXT_LIMIT = 200;
/** Ends a masked text cut to fit. */
export const CUT_MARK = '…';

/**
 * `text` masked, never longer than its field allows: `[secret:NAME]` is longer than most values
 * (a one-letter secret adds 14 characters each time), so a text near its limit grew past it and
 * made the whole entry, or `workspace.prepare`'s answer, fail its schema. Cut at a placeholder's
 * start, never inside one, and never between the halves of a surrogate pair.
 */
export function maskedText(text: string, mask: SecretMask): string {
  const masked = mask.text(text);
  const room = Math.max(text.length, SHORTEST_TEXT_LIMIT);
  if (masked.length <= room) return masked;
  let cut = room - CUT_MARK.length;
  const open = masked.lastIndexOf('[secret:', cut);
  if (open !== -1 && masked.indexOf(']', open) >= cut) cut = open;
  const last = masked.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return masked.slice(0, cut) + CUT_MARK;
}

export function maskedRequest(doc: RequestDocument, mask: SecretMask): RequestDocument {
  const t = (text: string): string => maskedText(text, mask);
  const masked: RequestDocument = {
    ...doc,
    name: t(doc.name),
    connection: maskedConnection(doc.connection, mask),
    // Messages are the call's data: a map key may hold a secret too (as in answers).
    messages: mask.json(doc.messages),
    metadata: maskedRows(doc.metadata, mask),
    notes: t(doc.notes),
  };
  if (doc.schema) masked.schema = maskedSchema(doc.schema, mask);
  if (doc.auth) masked.auth = maskedAuth(doc.auth, mask);
  if (doc.assertions)
    masked.assertions = doc.assertions.map((a) => ({
      ...a,
      expr: t(a.expr),
      ...(a.name !== undefined ? { name: t(a.name) } : {}),
    }));
  // A capture's name is a variable name, not a value: only its expression.
  if (doc.captures) masked.captures = doc.captures.map((c) => ({ ...c, expr: t(c.expr) }));
  if (doc.snapshot?.ignore)
    masked.snapshot = { ...doc.snapshot, ignore: doc.snapshot.ignore.map(t) };
  return masked;
}

function maskedRows(rows: readonly MetadataRow[], mask: SecretMask): MetadataRow[] {
  const t = (text: string): string => maskedText(text, mask);
  return rows.map((row) => ({ ...row, key: t(row.key), value: t(row.value) }));
}

function maskedConnection(connection: Connection, mask: SecretMask): Connection {
  const t = (text: string): string => maskedText(text, mask);
  const masked: Connection = {
    ...connection,
    address: t(connection.address),
    security: maskedSecurity(connection.security, mask),
  };
  if (connection.authority !== undefined) masked.authority = t(connection.authority);
  if (connection.userAgent !== undefined) masked.userAgent = t(connection.userAgent);
  const { proxy } = connection;
  if (proxy !== undefined && proxy !== 'none')
    masked.proxy = {
      url: t(proxy.url),
      ...(proxy.username !== undefined ? { username: t(proxy.username) } : {}),
      ...(proxy.password !== undefined ? { password: t(proxy.password) } : {}),
    };
  return masked;
}

function maskedSecurity(security: Security, mask: SecretMask): Security {
  if (security.kind !== 'tls') return security;
  const masked: Security = { ...security };
  for (const key of ['caFile', 'certFile', 'keyFile', 'serverName'] as const) {
    const value = security[key];
    if (value !== undefined) masked[key] = maskedText(value, mask);
  }
  return masked;
}

function maskedSchema(schema: SchemaSourceSpec, mask: SecretMask): SchemaSourceSpec {
  const t = (text: string): string => maskedText(text, mask);
  switch (schema.kind) {
    case 'reflection':
      return schema.metadata ? { ...schema, metadata: maskedRows(schema.metadata, mask) } : schema;
    case 'protoFiles':
      return { ...schema, files: schema.files.map(t), importPaths: schema.importPaths.map(t) };
    case 'descriptorSet':
      return { ...schema, files: schema.files.map(t) };
  }
}

function maskedAuth(auth: Auth, mask: SecretMask): Auth {
  const t = (text: string): string => maskedText(text, mask);
  switch (auth.type) {
    case 'inherit':
    case 'none':
      return auth;
    case 'bearer':
      return { ...auth, token: t(auth.token) };
    case 'basic':
      return { ...auth, username: t(auth.username), password: t(auth.password) };
    case 'apiKey':
      return { ...auth, header: t(auth.header), value: t(auth.value) };
    case 'oauth2':
      return {
        ...auth,
        tokenUrl: t(auth.tokenUrl),
        clientId: t(auth.clientId),
        clientSecret: t(auth.clientSecret),
        ...(auth.scope !== undefined ? { scope: t(auth.scope) } : {}),
        ...(auth.audience !== undefined ? { audience: t(auth.audience) } : {}),
      };
  }
}
