// Why a proxy did not tunnel a call, in words. grpc-js 1.14 rejects a failed CONNECT with no reason
// (the call's status reads "Last error: undefined"); the only place it says what happened is its
// log: "Failed to connect to <target> through proxy <ip:port> with status 407" or "Failed to
// connect to proxy <ip:port> with error connect ECONNREFUSED …". A grpc-js logger, installed when
// the first proxied channel is made, keeps the latest per proxy and target and swallows them: the
// call's status says it instead (connection-failure.ts asks for its own channel's proxy and target
// when grpc-js's last error is the bare "undefined" of that rejection), and gwb's stderr stays as
// grpcurl's. Keyed: with calls through several proxies at once, one call must never report
// another proxy's (or another target's) refusal. Every other log
// line goes to stderr as grpc-js's own logger writes it. The lines hold addresses only, never the
// Proxy-Authorization credentials.
import * as grpc from '@grpc/grpc-js';
import { isIP } from 'node:net';

export interface ProxyFailure {
  /** The proxy as grpc-js dialled it: resolved `ip:port`. */
  proxy: string;
  /** The `host:port` the CONNECT asked for; absent when the proxy itself was not reached. */
  target?: string;
  /** What went wrong, in words. */
  reason: string;
  at: number;
}

/** Where a channel's tunnel goes: its proxy as configured and the `host:port` it CONNECTs to. */
export interface ProxyRoute {
  /** `host:port` of the proxy as the connection names it (a host name or an IP literal). */
  proxy: string;
  /** `host:port` of the server, as grpc-js writes it in the CONNECT request. */
  target: string;
}

const STATUS_LINE = /^Failed to connect to (\S+) through proxy (\S+) with status (\d+)/;
const ERROR_LINE = /^Failed to connect to proxy (\S+) with error ([^]*)$/;
/** A failure logged longer ago than this belongs to an earlier attempt. */
const FRESH_MS = 10_000;
/** Failures nobody asked for are dropped beyond this many (a bound, not a cache). */
const MAX_KEPT = 64;

/** The latest failure per proxy and target, oldest first. */
const failures = new Map<string, ProxyFailure>();
let installed = false;

/** Installs the logger (once per process). */
export function watchProxyFailures(): void {
  if (installed) return;
  installed = true;
  grpc.setLogger({
    error: (message?: unknown, ...rest: unknown[]) => {
      if (!noteProxyFailure(String(message))) console.error(`E ${String(message)}`, ...rest);
    },
    info: (message?: unknown, ...rest: unknown[]) => console.error(`I ${String(message)}`, ...rest),
    debug: (message?: unknown, ...rest: unknown[]) =>
      console.error(`D ${String(message)}`, ...rest),
  });
}

/** Records a proxy failure line; false when the line is about something else. */
export function noteProxyFailure(line: string): boolean {
  const refused = STATUS_LINE.exec(line);
  if (refused) {
    const [, target = '', proxy = '', code = ''] = refused;
    keep({ proxy, target, reason: statusWords(Number(code), target), at: Date.now() });
    return true;
  }
  const failed = ERROR_LINE.exec(line);
  if (failed) {
    const [, proxy = '', error = ''] = failed;
    keep({ proxy, reason: errorWords(error), at: Date.now() });
    return true;
  }
  return false;
}

/**
 * Records a tunnel another transport could not open (gRPC-Web and Connect open their own,
 * ./proxy-tunnel.ts), so the call's status finds it as it finds grpc-js's.
 */
export function recordProxyFailure(failure: Omit<ProxyFailure, 'at'>): void {
  keep({ ...failure, at: Date.now() });
}

function keep(failure: ProxyFailure): void {
  const now = Date.now();
  for (const [key, kept] of failures) if (now - kept.at >= FRESH_MS) failures.delete(key);
  failures.delete(keyOf(failure));
  failures.set(keyOf(failure), failure);
  // A bound, not a cache: the oldest go first.
  for (const key of failures.keys()) {
    if (failures.size <= MAX_KEPT) break;
    failures.delete(key);
  }
}

function keyOf(failure: ProxyFailure): string {
  return `${failure.proxy} ${failure.target ?? ''}`;
}

/**
 * Why this route's proxy just failed to tunnel: the newest fresh failure logged for this proxy and
 * this target (or for this proxy, when it could not be reached at all and the line names no
 * target). Not taken away on reading: a pooled channel in reconnect backoff fails its next calls
 * with the same bare rejection and grpc-js logs nothing new until it tries again.
 */
export function proxyFailureFor(route: ProxyRoute): ProxyFailure | undefined {
  const now = Date.now();
  let newest: ProxyFailure | undefined;
  for (const failure of failures.values()) {
    if (now - failure.at >= FRESH_MS || !sameProxy(failure.proxy, route.proxy)) continue;
    if (failure.target !== undefined && failure.target !== route.target) continue;
    if (newest === undefined || failure.at >= newest.at) newest = failure;
  }
  return newest;
}

/**
 * grpc-js logs the proxy's resolved `ip:port`; the connection may name it by host name. The ports
 * must match, and the hosts too when the connection gives an IP literal (a host name's addresses
 * are not known here).
 */
function sameProxy(dialled: string, configured: string): boolean {
  const logged = splitHostPort(dialled);
  const named = splitHostPort(configured);
  if (!logged || !named || logged.port !== named.port) return false;
  return isIP(named.host) === 0 || logged.host === named.host;
}

function splitHostPort(hostPort: string): { host: string; port: string } | undefined {
  const found = /^\[?([^\]]*?)\]?:(\d+)$/.exec(hostPort);
  return found ? { host: found[1] ?? '', port: found[2] ?? '' } : undefined;
}

/** A proxy's refusal of a CONNECT, in words. */
export function statusWords(code: number, target: string): string {
  switch (code) {
    case 407:
      return 'it wants a user name and password, or refused the ones given (407 Proxy Authentication Required)';
    case 401:
      // tinyproxy's answer to a wrong user name or password (most proxies say 407 again).
      return 'it refused the user name and password given (401 Unauthorized)';
    case 403:
      return `it refused to open a tunnel to ${target} (403 Forbidden)`;
    case 502:
    case 503:
    case 504:
      return `it could not reach ${target} (${code} from the proxy)`;
    default:
      return `it answered the CONNECT request for ${target} with HTTP ${code}`;
  }
}

/** Why the proxy itself could not be reached, in words. */
export function errorWords(error: string): string {
  if (/ECONNREFUSED/.test(error)) return 'connection refused (is the proxy running on that port?)';
  if (/ENOTFOUND|EAI_AGAIN/.test(error)) return 'no such host';
  if (/ECONNRESET|socket hang up/.test(error)) return 'the proxy closed the connection';
  if (/ETIMEDOUT/.test(error)) return 'connection timed out';
  return error.trim();
}
