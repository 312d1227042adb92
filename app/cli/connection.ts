// Waiting for a connection as grpcurl's blocking dial does, for list and describe over reflection.
import * as grpc from '@grpc/grpc-js';
import type { ChannelConfig, ChannelPool } from '../../main/channels/index.js';

/** grpcurl's default for -connect-timeout. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** A failure to reach the server: one line, exit 1. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
}

/**
 * Waits for the channel like grpcurl's blocking dial. grpc-js only says "failed to connect before
 * the deadline", so on failure one quick call asks the channel for its last error (refused, TLS
 * certificate rejected, …) to give the user the real reason.
 */
export async function connect(
  pool: ChannelPool,
  config: ChannelConfig,
  timeoutMs: number,
): Promise<grpc.Client> {
  const client = pool.get(config);
  const error = await new Promise<Error | undefined>((resolve) =>
    client.waitForReady(Date.now() + timeoutMs, resolve),
  );
  if (!error) return client;
  const reason = await lastError(client);
  throw new ConnectionError(
    `failed to connect to ${config.target} within ${timeoutMs / 1000} s${reason ? `: ${reason}` : ''}`,
  );
}

function lastError(client: grpc.Client): Promise<string | undefined> {
  const identity = (x: Buffer): Buffer => x;
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/gwb.Probe/Connect',
      identity,
      identity,
      Buffer.alloc(0),
      new grpc.Metadata(),
      { deadline: Date.now() + 1000 },
      (err) => {
        if (err && err.code === grpc.status.UNAVAILABLE) resolve(cleanReason(err.details));
        else resolve(undefined);
      },
    );
  });
}

/** grpc-js wraps the socket error in boilerplate; keep one line a user can act on. */
export function cleanReason(details: string): string {
  const reason = details
    .replace(/^No connection established\. Last error: /, '')
    .replace(/\s*\(\d{4}-\d\d-\d\dT[^)]*\)/g, '')
    .replace(/^Error(?: \[[A-Z_]+\])?: /, '')
    .replace(/\.? ?Resolution note: ?$/, '')
    // OpenSSL's "8050…:error:0A00045C:SSL routines:fn:reason:file.c:1601:…" → "reason".
    .replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):.*$/s, '$1')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  // What OpenSSL says when the other side answered in plain HTTP/2.
  if (/wrong version number|packet length too long/.test(reason)) {
    return `${reason} (the server does not speak TLS here; use -plaintext)`;
  }
  if (/certificate required/.test(reason))
    return `${reason} (the server wants a client certificate: -cert and -key)`;
  return reason;
}
