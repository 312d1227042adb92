// Connecting as grpcurl's blocking dial does, for list and describe over reflection: READY, or a
// refused connection, an unknown host or a failed TLS handshake reported at once (grpcurl does not
// wait for them), or the connect timeout when the server never answers.
import * as grpc from '@grpc/grpc-js';
import type { ChannelConfig, ChannelPool } from '../../main/channels/index.js';
import { awaitConnection } from '../../main/channels/connect-wait.js';
import {
  connectionFailureOf,
  type ConnectionFailure,
} from '../../main/channels/connection-failure.js';
import { proxyRouteOfChannel } from '../../main/channels/proxy-options.js';

/** grpcurl's default for -connect-timeout. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** A failure to reach the server: one line, exit 1. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
}

/**
 * Ctrl-C or SIGTERM came while gwb waited for the server: the command ends at once, as an
 * interrupted call does (exit 130, nothing printed), and its engine is closed on the way out.
 */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor() {
    super('interrupted while connecting');
  }
}

/**
 * `waiting`, or Interrupted as soon as `signal` aborts: a wait for a server that never answers
 * must not outlast the 2 s run.ts gives a command to wind down.
 */
export function unlessInterrupted<T>(waiting: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return waiting;
  if (signal.aborted) return Promise.reject(new Interrupted());
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([waiting, aborted]).finally(() =>
    signal.removeEventListener('abort', onAbort),
  );
}

/**
 * Waits for the channel like grpcurl's blocking dial. grpc-js's channel only says that it
 * failed, so one quick call asks it for its last error (refused, TLS certificate rejected, …) to
 * give the user the real reason.
 */
export async function connect(
  pool: ChannelPool,
  config: ChannelConfig,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<grpc.Client> {
  const client = pool.get(config);
  // Interrupted: the caller's pool.close() ends the channel and the watch with it.
  const outcome = await unlessInterrupted(awaitConnection(client, timeoutMs), signal);
  if (outcome === 'ready') return client;
  if (outcome === 'timeout') throw timedOut(config.target, timeoutMs);
  const reason = await lastError(client);
  throw new ConnectionError(
    `failed to connect to ${config.target}${reason ? `: ${reason}` : ' (is it up? plaintext or TLS?)'}`,
  );
}

/** A server that never answered within -connect-timeout (grpcurl: context deadline exceeded). */
export function timedOut(target: string, timeoutMs: number): ConnectionError {
  return new ConnectionError(`failed to connect to ${target} within ${timeoutMs / 1000} s`);
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
        const failure =
          err && err.code === grpc.status.UNAVAILABLE
            ? connectionFailureOf(err.details, proxyRouteOfChannel(client.getChannel()))
            : undefined;
        resolve(failure ? failureText(failure) : undefined);
      },
    );
  });
}

/** What grpc-js said about a connection that could not be made, in words, or undefined. */
export function cleanReason(details: string): string | undefined {
  const failure = connectionFailureOf(details);
  return failure ? failureText(failure) : undefined;
}

/** The engine's words for a failure, with the flag that fixes it where there is one. */
export function failureText(failure: ConnectionFailure): string {
  if (failure.kind === 'tls_mismatch') return `${failure.reason}; use -plaintext`;
  if (/certificate required/.test(failure.reason))
    return `${failure.reason} (the server wants a client certificate: -cert and -key)`;
  return failure.reason;
}
