// Whether gwb waits for the server on a gRPC channel before a call (server-wait.ts, grpcurl's
// blocking dial), decided once by the call's protocol for every command that pre-waits. A server
// that speaks HTTP/1.1 only (gRPC-Web or Connect with httpVersion 1.1) can never answer a gRPC
// channel: the wait would fail, or hang until -connect-timeout when the server keeps the
// connection open without answering. Such a call is made without the wait, and its own status
// says whether it reached the server; it carries grpcurl's default -connect-timeout itself, since
// the wait was what applied it.
import type { CallStatus } from '../../shared/calls/events.js';
import type { Connection } from '../../shared/request/connection.js';
import { ConnectionError, DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js';

/**
 * A server can be waited for on a gRPC channel when the call goes over HTTP/2: gRPC, and
 * gRPC-Web or Connect over HTTP/2 (their servers speak HTTP/2 as gRPC does). Not over HTTP/1.1.
 */
export function waitsOnGrpcChannel({ protocol }: Connection): boolean {
  return protocol === undefined || protocol.kind === 'grpc' || protocol.httpVersion !== '1.1';
}

/** Whether a call on this connection goes without the wait and has no connect timeout of its own. */
function lacksConnectTimeout(connection: Connection): boolean {
  return !waitsOnGrpcChannel(connection) && connection.connectTimeoutMs === undefined;
}

/**
 * The connection a call goes with: one that is not waited for gets grpcurl's default connect
 * timeout (10 s), which the transport's connect timer then applies to the TCP and TLS set-up, as
 * the wait applied it; an unreachable host is then not waited for until the OS gives up (~2 min).
 */
export function callConnection(connection: Connection): Connection {
  return lacksConnectTimeout(connection)
    ? { ...connection, connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS }
    : connection;
}

/**
 * The same default as flag words, for the runner, which lays words over a saved request it reads
 * itself (`gwb request run`): `-connect-timeout 10` when the call needs it, none otherwise.
 */
export function callConnectTimeoutWords(connection: Connection): string[] {
  return lacksConnectTimeout(connection)
    ? ['-connect-timeout', String(DEFAULT_CONNECT_TIMEOUT_MS / 1000)]
    : [];
}

/**
 * For a call that was not waited for: the failure to connect its status reports (refused, no
 * such host, TLS, …: the engine's words, "failed to connect to X: reason"), as the pre-wait would
 * have reported it. None when the server answered or the call's own deadline passed.
 */
export function unreachedByStatus(
  status: CallStatus | undefined,
  sawHeaders = false,
): ConnectionError | undefined {
  if (status?.failure === undefined || status.failure === 'deadline' || sawHeaders)
    return undefined;
  return new ConnectionError(status.message);
}
