// A tab (plus the connection bar) ↔ a saved request file. The tab keeps the body as JSON text;
// the file keeps it as JSON, so a body that does not parse is reported before anything is saved.
import type { JsonValue } from '../../shared/calls/events.js';
import type { SavedRequest, SavedSecurity } from '../../shared/workspace/saved-request.js';
import type { ConnectionSettings, SecurityMode } from '../store/connectionSlice.js';
import type { MetaRow } from '../store/metadataRows.js';
import type { Tab } from '../store/tabsSlice.js';

function securityOf(c: ConnectionSettings): SavedSecurity {
  if (c.security === 'plaintext') return { kind: 'plaintext' };
  const opt = (v: string): string | undefined => v.trim() || undefined;
  const ca = opt(c.caFile);
  const name = opt(c.serverName);
  return {
    kind: 'tls',
    ...(ca ? { caFile: ca } : {}),
    ...(c.security === 'mtls' && opt(c.certFile) ? { certFile: opt(c.certFile) } : {}),
    ...(c.security === 'mtls' && opt(c.keyFile) ? { keyFile: opt(c.keyFile) } : {}),
    ...(c.security === 'tls-skip' ? { skipVerify: true } : {}),
    ...(name ? { serverName: name } : {}),
  };
}

function parseBody(text: string): JsonValue {
  try {
    return JSON.parse(text.trim() === '' ? '{}' : text) as JsonValue;
  } catch (e) {
    throw new Error(`Request JSON does not parse: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
}

/** The tab as a saved request named `name`. Throws with a readable message when it cannot be. */
export function tabToSaved(tab: Tab, connection: ConnectionSettings, name: string): SavedRequest {
  if (!tab.methodPath) throw new Error('Pick a method first: an empty tab cannot be saved');
  const deadline = tab.deadline.trim();
  const deadlineMs = deadline === '' ? undefined : Number(deadline);
  if (deadlineMs !== undefined && (!Number.isInteger(deadlineMs) || deadlineMs <= 0))
    throw new Error(`Deadline: "${deadline}" is not a positive number of milliseconds`);
  const authority = connection.authority.trim();
  return {
    version: 1,
    name,
    connection: {
      address: connection.address.trim(),
      security: securityOf(connection),
      ...(authority ? { authority } : {}),
    },
    method: tab.methodPath,
    body: parseBody(tab.body),
    metadata: tab.metadata
      .filter((r) => r.key.trim() !== '' || r.value !== '')
      .map((r) => ({ key: r.key, value: r.value, ...(r.enabled ? {} : { enabled: false }) })),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    options: {},
    notes: '',
  };
}

/** What a tab shows of a saved request. */
export function savedToTab(
  request: SavedRequest,
): Pick<Tab, 'methodPath' | 'title' | 'body' | 'composer' | 'metadata' | 'deadline'> {
  const body = JSON.stringify(request.body, null, 2);
  const metadata: MetaRow[] = request.metadata.map((r) => ({
    key: r.key,
    value: r.value,
    enabled: r.enabled !== false,
  }));
  return {
    methodPath: request.method,
    title: request.name,
    body,
    composer: Array.isArray(request.body) ? JSON.stringify(request.body[0] ?? {}, null, 2) : body,
    metadata,
    deadline: request.deadlineMs !== undefined ? String(request.deadlineMs) : '',
  };
}

/** The connection bar's settings for a saved request's connection. */
export function savedToConnection(request: SavedRequest): Partial<ConnectionSettings> {
  const s = request.connection.security;
  const mode: SecurityMode =
    s.kind === 'plaintext'
      ? 'plaintext'
      : s.skipVerify
        ? 'tls-skip'
        : s.certFile || s.keyFile
          ? 'mtls'
          : 'tls';
  return {
    address: request.connection.address,
    security: mode,
    authority: request.connection.authority ?? '',
    caFile: s.kind === 'tls' ? (s.caFile ?? '') : '',
    certFile: s.kind === 'tls' ? (s.certFile ?? '') : '',
    keyFile: s.kind === 'tls' ? (s.keyFile ?? '') : '',
    serverName: s.kind === 'tls' ? (s.serverName ?? '') : '',
  };
}

/** Whether the tab or the address uses `{{variables}}` (then the engine substitutes before sending). */
export function usesVariables(tab: Tab, connection: ConnectionSettings): boolean {
  const has = (s: string): boolean => s.includes('{{');
  return (
    has(tab.body) ||
    has(connection.address) ||
    has(connection.authority) ||
    tab.metadata.some((r) => r.enabled && (has(r.key) || has(r.value)))
  );
}
