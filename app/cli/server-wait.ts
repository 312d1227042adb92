// Waiting for the server as grpcurl's blocking dial does, through the engine's channel: the
// channel is asked to connect (channel.state) and its state changes are watched until READY or
// -connect-timeout. A connection that never came is then reported in grpcurl's way, exit 1, with
// the reason grpc-js gives (refused, certificate rejected, …) instead of a call status.
import { CommandError } from '../../shared/contract/errors.js';
import { targetOf, type Connection } from '../../shared/request/connection.js';
import { isPlainlyValidConnection } from '../../shared/request/plain-check.js';
import type { CallStatus } from '../../shared/calls/events.js';
import {
  cleanReason,
  ConnectionError,
  DEFAULT_CONNECT_TIMEOUT_MS,
  timedOut,
  unlessInterrupted,
} from './connection.js';
import type { CliEngine } from './engine-host.js';

/** What grpc-js says when a call or reflection request found no connection. */
const NO_CONNECTION = /(?:No connection established\.|Name resolution failed for target )[^]*$/;

export interface ServerWait {
  /** The server answered within the time. */
  ready: boolean;
  /** The connection failed at once (refused, no such host, TLS handshake): no wait for it. */
  failed: boolean;
  /** How long was waited, for "failed to connect to X within N s". */
  timeoutMs: number;
  target: string;
}

/** The connect timeout of a document: -connect-timeout (default 10 s), never past -max-time. */
export function connectTimeoutOf(connection: Connection, deadlineMs: number | undefined): number {
  const wait = connection.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  return deadlineMs === undefined ? wait : Math.min(wait, deadlineMs);
}

export async function waitForServer(
  engine: CliEngine,
  connection: Connection,
  timeoutMs: number,
  /** Ctrl-C: the wait ends at once with Interrupted. */
  signal?: AbortSignal,
): Promise<ServerWait> {
  const target = targetOf(connection);
  let failed = false;
  let stop = (): void => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ready = new Promise<boolean>((resolve) => {
    stop = engine.watchChannels((change) => {
      if (change.target !== target) return;
      if (change.state === 'READY') resolve(true);
      // As grpcurl's dial: a refused connection or a failed handshake is not waited out.
      if (change.state === 'TRANSIENT_FAILURE') {
        failed = true;
        resolve(false);
      }
    });
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  let wait: ServerWait;
  try {
    const now = isPlainlyValidConnection(connection)
      ? await engine.runParsed('channel.state', { connection, connect: true })
      : await engine.run('channel.state', { connection, connect: true });
    // A channel that has already failed (its change came before we asked) is not waited on.
    if (now.state === 'TRANSIENT_FAILURE') failed = true;
    const isReady = now.state === 'READY' || (!failed && (await unlessInterrupted(ready, signal)));
    wait = { ready: isReady, failed: !isReady && failed, timeoutMs, target };
  } finally {
    stop();
    clearTimeout(timer);
  }
  // A server that refused or failed the handshake is asked once more, and the failure says why
  // (see asConnectionFailure); one that never answered would keep the next request waiting.
  if (!wait.ready && !wait.failed) throw timedOut(target, timeoutMs);
  return wait;
}

function failure(wait: ServerWait, details: string): ConnectionError {
  const reason = cleanReason(details);
  if (!reason && !wait.failed) return timedOut(wait.target, wait.timeoutMs);
  return new ConnectionError(`failed to connect to ${wait.target}: ${reason ?? details}`);
}

/** An engine refusal that only says the server was never reached, as grpcurl reports it. */
export function asConnectionFailure(error: unknown, wait: ServerWait): unknown {
  if (wait.ready || !(error instanceof CommandError) || error.code !== 'unavailable') return error;
  const found = NO_CONNECTION.exec(error.message);
  return found ? failure(wait, found[0]) : error;
}

/** A call that never reached the server (the engine says so: status.failure), as grpcurl reports it. */
export function callConnectionFailure(
  status: CallStatus | undefined,
  sawHeaders: boolean,
  wait: ServerWait,
): ConnectionError | undefined {
  if (wait.ready || sawHeaders || status === undefined) return undefined;
  if (status.failure === undefined || status.failure === 'deadline') return undefined;
  return failure(wait, status.rawMessage ?? status.message);
}

/** Waits for the server and fails when it did not answer in time, whatever the reason. */
export async function requireServer(
  engine: CliEngine,
  connection: Connection,
  timeoutMs: number,
  /** Ctrl-C: the wait ends at once with Interrupted. */
  signal?: AbortSignal,
): Promise<void> {
  const wait = await waitForServer(engine, connection, timeoutMs, signal);
  if (!wait.ready)
    throw new ConnectionError(
      `failed to connect to ${wait.target}${wait.failed ? '' : ` within ${timeoutMs / 1000} s`} (is it up? plaintext or TLS?)`,
    );
}
