// Saved requests (the file format) ↔ contract call input. TLS files in a saved request are
// relative to the workspace; the contract wants paths the engine can read.
import path from 'node:path';
import type { Connection, ParsedInput } from '../../shared/contract/index.js';
import type { CallEvent, CallStatus, JsonValue } from '../../shared/calls/events.js';
import type { SavedRequest, SavedSecurity } from '../../shared/workspace/saved-request.js';

function resolveIn(root: string, file: string): string {
  return path.isAbsolute(file) ? file : path.join(root, file);
}

function securityOf(root: string, saved: SavedSecurity): Connection['security'] {
  if (saved.kind === 'plaintext') return { kind: 'plaintext' };
  return {
    kind: 'tls',
    ...(saved.caFile !== undefined ? { caCertPath: resolveIn(root, saved.caFile) } : {}),
    ...(saved.certFile !== undefined ? { clientCertPath: resolveIn(root, saved.certFile) } : {}),
    ...(saved.keyFile !== undefined ? { clientKeyPath: resolveIn(root, saved.keyFile) } : {}),
    ...(saved.skipVerify ? { insecureSkipVerify: true } : {}),
    ...(saved.serverName !== undefined ? { serverName: saved.serverName } : {}),
  };
}

/** A substituted saved request → `call.start` input (metadata: enabled rows only). */
export function callInputFromSaved(
  root: string,
  schemaId: string,
  request: SavedRequest,
  keepRaw: boolean,
): ParsedInput<'call.start'> {
  const connection: Connection = {
    target: request.connection.address.trim().replace(/^grpcs?:\/\//, ''),
    security: securityOf(root, request.connection.security),
    ...(request.connection.authority !== undefined
      ? { authority: request.connection.authority }
      : {}),
  };
  return {
    schemaId,
    method: request.method,
    connection,
    // Keys as gRPC sends them; rows without a key are placeholders in the editor.
    metadata: request.metadata
      .filter((r) => r.enabled !== false && r.key.trim() !== '')
      .map(({ key, value }) => ({ key: key.trim().toLowerCase(), value })),
    keepRaw,
    ...(request.deadlineMs !== undefined ? { deadlineMs: request.deadlineMs } : {}),
    ...(Array.isArray(request.body) ? {} : { request: request.body }),
  };
}

/** A plain `call.start` as a saved request, for history when no template was given. */
export function savedFromCallInput(input: ParsedInput<'call.start'>): SavedRequest {
  const s = input.connection.security;
  const security: SavedSecurity =
    s.kind === 'plaintext'
      ? { kind: 'plaintext' }
      : {
          kind: 'tls',
          ...(s.caCertPath !== undefined ? { caFile: s.caCertPath } : {}),
          ...(s.clientCertPath !== undefined ? { certFile: s.clientCertPath } : {}),
          ...(s.clientKeyPath !== undefined ? { keyFile: s.clientKeyPath } : {}),
          ...(s.insecureSkipVerify ? { skipVerify: true } : {}),
          ...(s.serverName !== undefined ? { serverName: s.serverName } : {}),
        };
  const method = input.method.startsWith('/') ? input.method : `/${input.method}`;
  const name = method.slice(method.lastIndexOf('/') + 1) || 'call';
  return {
    version: 1,
    name,
    connection: {
      address: input.connection.target,
      security,
      ...(input.connection.authority !== undefined
        ? { authority: input.connection.authority }
        : {}),
    },
    method: /^\/[^/\s]+\/[^/\s]+$/.test(method) ? method : `/unknown/${name}`,
    body: (input.request ?? {}) as JsonValue,
    metadata: input.metadata.map(({ key, value }) => ({ key, value })),
    ...(input.deadlineMs !== undefined ? { deadlineMs: input.deadlineMs } : {}),
    options: {},
    notes: '',
  };
}

/** The final status and duration of an ended call's log. */
export function outcomeOf(events: readonly CallEvent[]): {
  status: { code: number; message: string };
  durationMs: number;
} {
  let status: CallStatus | undefined;
  let durationMs = 0;
  for (const e of events) {
    if (e.type === 'status') status = e.status;
    else if (e.type === 'ended') durationMs = e.durationMs;
  }
  return {
    status: status
      ? { code: status.code, message: status.message }
      : { code: 2, message: 'the call ended without a status' },
    durationMs,
  };
}
