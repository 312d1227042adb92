// Why a proxy did not tunnel a call, in words. grpc-js 1.14 rejects a failed CONNECT with no reason
// (the call's status reads "Last error: undefined"); the only place it says what happened is its
// log: "Failed to connect to <target> through proxy <ip:port> with status 407" or "Failed to
// connect to proxy <ip:port> with error connect ECONNREFUSED …". A grpc-js logger, installed when
// the first proxied channel is made, keeps the latest of those and swallows them: the call's
// status says it instead (connection-failure.ts reads it when grpc-js's last error is the bare
// "undefined" of that rejection), and gwb's stderr stays as grpcurl's. Every other log
// line goes to stderr as grpc-js's own logger writes it. The lines hold addresses only, never the
// Proxy-Authorization credentials.
import * as grpc from '@grpc/grpc-js';

export interface ProxyFailure {
  /** The proxy as grpc-js dialled it: resolved `ip:port`. */
  proxy: string;
  /** What went wrong, in words. */
  reason: string;
  at: number;
}

const STATUS_LINE = /^Failed to connect to (\S+) through proxy (\S+) with status (\d+)/;
const ERROR_LINE = /^Failed to connect to proxy (\S+) with error ([^]*)$/;
/** A failure logged longer ago than this belongs to an earlier attempt. */
const FRESH_MS = 10_000;

let latest: ProxyFailure | undefined;
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
    latest = { proxy, reason: statusWords(Number(code), target), at: Date.now() };
    return true;
  }
  const failed = ERROR_LINE.exec(line);
  if (failed) {
    const [, proxy = '', error = ''] = failed;
    latest = { proxy, reason: errorWords(error), at: Date.now() };
    return true;
  }
  return false;
}

/** Why a proxy last failed to tunnel a connection, if one did just now. */
export function recentProxyFailure(): ProxyFailure | undefined {
  return latest !== undefined && Date.now() - latest.at < FRESH_MS ? latest : undefined;
}

function statusWords(code: number, target: string): string {
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

function errorWords(error: string): string {
  if (/ECONNREFUSED/.test(error)) return 'connection refused (is the proxy running on that port?)';
  if (/ENOTFOUND|EAI_AGAIN/.test(error)) return 'no such host';
  if (/ECONNRESET|socket hang up/.test(error)) return 'the proxy closed the connection';
  if (/ETIMEDOUT/.test(error)) return 'connection timed out';
  return error.trim();
}
