import type { JsonValue } from '../../../shared/calls/events.js';
import { CommandError } from '../../../shared/contract/errors.js';
import type { RequestDocument } from '../../../shared/request/document.js';
import type { MetadataRow } from '../../../shared/request/metadata.js';
import { TEXT, textProblem } from '../../../shared/request/text-limits.js';
import { PRINTABLE_ASCII } from '../../metadata/validate-entry.js';
import type { UnknownVariable } from '../../../shared/workspace/tree.js';
import { isDeeplyFrozen, madeOnce } from '../../../shared/json/frozen-json.js';
import { dynamicValue } from './dynamic.js';
import { report, substituteText, type VariableLookup } from './template.js';

export interface PreparedRequest {
  /** The request with every known variable substituted. */
  request: RequestDocument;
  /** Variables without a value and where they were used; the request must not be sent if any. */
  unknown: UnknownVariable[];
}

function fieldPath(base: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)
    ? `${base}.${key}`
    : `${base}[${JSON.stringify(key)}]`;
}

function substituteJson(
  value: JsonValue,
  where: string,
  lookup: VariableLookup,
  unknown: UnknownVariable[],
): JsonValue {
  if (typeof value === 'string') {
    const result = substituteText(value, lookup);
    report(result.unknown, where, unknown);
    return result.text;
  }
  if (Array.isArray(value))
    return value.map((item, i) => substituteJson(item, `${where}[${i}]`, lookup, unknown));
  if (value !== null && typeof value === 'object') {
    // A null-prototype copy: a key named "__proto__" stays an ordinary key.
    const out: { [key: string]: JsonValue } = Object.create(null) as { [key: string]: JsonValue };
    for (const [key, item] of Object.entries(value)) {
      const keyResult = substituteText(key, lookup);
      report(keyResult.unknown, `${where} (key "${key}")`, unknown);
      out[keyResult.text] = substituteJson(item, fieldPath(where, key), lookup, unknown);
    }
    return { ...out };
  }
  return value;
}

/** Whether any string of a JSON value (a key too) may hold a `{{placeholder}}`. */
function mayHoldPlaceholder(value: JsonValue): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(mayHoldPlaceholder);
  if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value))
      if (key.includes('{{') || mayHoldPlaceholder(item)) return true;
  return false;
}

/** Combines variables (a Map, never an object lookup) with the dynamic `$` values. */
export function makeLookup(variables: ReadonlyMap<string, string>): VariableLookup {
  return (name) => (name.startsWith('$') ? dynamicValue(name) : variables.get(name));
}

/**
 * Substitutes the address, authority, user agent, proxy, metadata (enabled rows), reflection headers
 * and messages of a request document. Generic, so a saved request (with its version) stays one.
 */
export function substituteRequest<R extends RequestDocument>(
  request: R,
  lookup: VariableLookup,
): { request: R; unknown: UnknownVariable[]; secrets: Map<string, string> } {
  // Nothing to substitute, nothing that changes (frozen), no proxy password: the request as it is.
  if (isDeeplyFrozen(request) && placeholderFree(request) && !hasProxyPassword(request))
    return { request, unknown: [], secrets: new Map() };
  const unknown: UnknownVariable[] = [];
  const secrets = new Map<string, string>();
  const text = (value: string, where: string): string => {
    const result = substituteText(value, lookup);
    report(result.unknown, where, unknown);
    return result.text;
  };
  const rows = (list: readonly MetadataRow[], where: string): MetadataRow[] =>
    list.map((row, i) =>
      row.enabled === false
        ? row
        : {
            ...row,
            key: text(row.key, `${where}[${i}].key`),
            // The header's name too: a grpcurl-style -H never wrote `metadata[0]`.
            value: text(row.value, `header ${JSON.stringify(row.key)} (${where}[${i}].value)`),
          },
    );
  const connection = {
    ...request.connection,
    address: text(request.connection.address, 'address'),
  };
  if (request.connection.authority !== undefined)
    connection.authority = text(request.connection.authority, 'authority');
  if (request.connection.userAgent !== undefined)
    connection.userAgent = text(request.connection.userAgent, 'userAgent');
  const { proxy } = request.connection;
  if (proxy !== undefined && proxy !== 'none') {
    const password =
      proxy.password === undefined ? undefined : text(proxy.password, 'proxy.password');
    // The proxy password is a secret however it was given: a {{secret}} variable, a plain
    // variable or typed in clear (the UI warns about those). Its value joins the call's secrets,
    // so the mask hides it in events, history (the request template too) and workspace.prepare.
    if (password) secrets.set(PROXY_PASSWORD_SECRET, password);
    connection.proxy = {
      url: text(proxy.url, 'proxy.url'),
      ...(proxy.username !== undefined ? { username: text(proxy.username, 'proxy.username') } : {}),
      ...(password !== undefined ? { password } : {}),
    };
  }
  const metadata = rows(request.metadata, 'metadata');
  const schema =
    request.schema?.kind === 'reflection' && request.schema.metadata !== undefined
      ? { ...request.schema, metadata: rows(request.schema.metadata, 'schema.metadata') }
      : request.schema;
  // A message with no placeholder is sent as it is: copying it would change nothing (a run sends
  // hundreds of saved messages, most with none).
  const messages = request.messages.map((m, i) =>
    mayHoldPlaceholder(m) ? substituteJson(m, `messages[${i}]`, lookup, unknown) : m,
  );
  return {
    request: {
      ...request,
      connection,
      ...(schema !== undefined ? { schema } : {}),
      metadata,
      messages,
    },
    unknown,
    secrets,
  };
}

/**
 * Whether no text of a deeply frozen request (a saved one, shared while its file is unchanged:
 * frozen-json.ts), keys included, holds a `{{placeholder}}`: worked out once per request, as a
 * run sends the same saved requests run after run, most of them with no variable at all.
 */
const placeholderFreeRequests = new WeakMap<object, boolean>();

const placeholderFree = (request: RequestDocument): boolean =>
  madeOnce(placeholderFreeRequests, request, noPlaceholderIn);

const noPlaceholderIn = (request: RequestDocument): boolean =>
  !mayHoldPlaceholder(request as unknown as JsonValue);

function hasProxyPassword(request: RequestDocument): boolean {
  const { proxy } = request.connection;
  return proxy !== undefined && proxy !== 'none' && proxy.password !== undefined;
}

/** The name the proxy password is masked under when it is not a secret variable's value. */
export const PROXY_PASSWORD_SECRET = 'proxy password';

/**
 * substituteRequest with the call's secrets: the variables' (first, so a `{{secret}}` keeps its own
 * name in the mask) and the values of the request's own secret fields.
 */
export function substituteWithSecrets<R extends RequestDocument>(
  request: R,
  lookup: VariableLookup,
  variableSecrets: ReadonlyMap<string, string>,
): { request: R; unknown: UnknownVariable[]; secrets: Map<string, string> } {
  const substituted = substituteRequest(request, lookup);
  // Here, on the way to a channel, not in substituteRequest: a load run's per-call marks
  // (engine/load-target.ts) pass through that one and are not yet what is sent.
  refuseUnsendableUserAgent(substituted.request.connection.userAgent);
  const secrets = new Map(variableSecrets);
  const known = new Set(variableSecrets.values());
  for (const [name, value] of substituted.secrets) if (!known.has(value)) secrets.set(name, value);
  return { ...substituted, secrets };
}

/**
 * The user agent as it will be sent, checked again after its `{{variables}}` were substituted: the
 * schema's rule (TEXT.userAgent) plus printable ASCII (a User-Agent is an HTTP/2 header value, as
 * metadata values are), so a value with a line break is refused
 * naming the field, not failed by grpc-js with an opaque header error. The value itself is never
 * quoted: a secret may be in it.
 */
function refuseUnsendableUserAgent(userAgent: string | undefined): void {
  if (userAgent === undefined) return;
  const bad = [...userAgent].findIndex((c) => !PRINTABLE_ASCII.test(c));
  const problem =
    textProblem(userAgent, TEXT.userAgent) ??
    (bad === -1
      ? undefined
      : `has a line break, non-printable or non-ASCII character at position ${bad + 1}`);
  if (problem === undefined) return;
  throw new CommandError(
    'invalid_input',
    `userAgent: ${problem} (with its {{variables}} substituted); nothing was sent`,
    { field: 'userAgent' },
  );
}

export function describeUnknown(unknown: readonly UnknownVariable[]): string {
  return `unknown variable${unknown.length === 1 ? '' : 's'}: ${unknown.map((u) => `{{${u.name}}} in ${u.where}`).join(', ')}`;
}
