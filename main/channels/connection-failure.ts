// A failure to reach the server, in words, from what grpc-js says about it. grpc-js's text holds
// timestamps, OpenSSL's per-process hex and "Resolution note:" boilerplate, so it differs on every
// run; the words here are stable (a replay of a refused call compares equal) and the kind lets a
// client say what to do next. One classifier for calls (main/calls/status.ts) and gwb's
// reflection connect (app/cli/connection.ts).
import type { CallFailure } from '../../shared/calls/events.js';
import { proxyFailureFor, type ProxyRoute } from '../proxy/proxy-failures.js';

/** The kinds of CallFailure that mean the call never reached the server. */
export type ConnectionFailureKind = Exclude<CallFailure, 'deadline'>;

export interface ConnectionFailure {
  kind: ConnectionFailureKind;
  /** One line, stable across runs: "connection refused", "TLS handshake failed: …". */
  reason: string;
}

/** What grpc-js says when a call found no connection (pick_first and its siblings). */
const NO_CONNECTION = /(?:^|: )No connection established(?:\. Last error: )?([^]*)$/;
/** What grpc-js's DNS resolver says when the name does not resolve. */
const NAME_RESOLUTION = /(?:^|: )Name resolution failed for target (?:dns:)?(\[[^\]]*\]|[^\s:]+)/;

/** Socket errors by errno, in words. */
const ERRNO_WORDS: Record<string, [ConnectionFailureKind, string]> = {
  ECONNREFUSED: ['unreachable', 'connection refused'],
  EHOSTUNREACH: ['unreachable', 'no route to host'],
  ENETUNREACH: ['unreachable', 'network is unreachable'],
  ECONNRESET: ['not_connected', 'connection reset by the server'],
  ETIMEDOUT: ['not_connected', 'connection timed out'],
  ENOTFOUND: ['unresolved', 'no such host'],
  EAI_AGAIN: ['unresolved', 'the host name could not be resolved (temporary DNS failure)'],
};

/**
 * The failure grpc-js describes in `text` (a status message or an error), or undefined when the
 * text is not about a connection that could not be made. `route` is the failed channel's proxy and
 * target when it goes through one: only that proxy's own failure explains a bare rejection.
 */
export function connectionFailureOf(
  text: string,
  route?: ProxyRoute,
): ConnectionFailure | undefined {
  const unresolved = NAME_RESOLUTION.exec(text);
  if (unresolved) return { kind: 'unresolved', reason: `no such host "${unresolved[1]}"` };
  const found = NO_CONNECTION.exec(text);
  if (!found) return undefined;
  return classify(lastError(found[1] ?? ''), route);
}

/** grpc-js's "Last error" without its boilerplate: one line a user can act on. */
function lastError(text: string): string {
  return (
    text
      .replace(/\s*\(\d{4}-\d\d-\d\dT[^)]*\)/g, '')
      .replace(/\.? ?Resolution note:[^]*$/, '')
      .replace(/^(?:[A-Za-z]*Error)(?: \[[A-Z_]+\])?: /, '')
      // OpenSSL's "8050…:error:0A00045C:SSL routines:fn:reason:file.c:1601:…" → "reason".
      .replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):[^]*$/, '$1')
      .replace(/\s*\n\s*/g, ' ')
      .trim()
  );
}

function classify(reason: string, route: ProxyRoute | undefined): ConnectionFailure {
  // grpc-js rejects a failed proxy CONNECT with no value: its log said why (proxy-failures.ts).
  const proxied =
    reason === 'undefined' && route !== undefined ? proxyFailureFor(route) : undefined;
  if (proxied)
    return { kind: 'proxy_refused', reason: `proxy ${proxied.proxy}: ${proxied.reason}` };
  const errno = /\b(E[A-Z_]{3,})\b/.exec(reason)?.[1];
  const known = errno !== undefined ? ERRNO_WORDS[errno] : undefined;
  if (known) return { kind: known[0], reason: known[1] };
  // What OpenSSL says when the other side answered in plain HTTP/2 rather than a TLS record.
  if (
    /wrong version number|packet length too long|first record does not look like a TLS/.test(reason)
  )
    return {
      kind: 'tls_mismatch',
      reason: 'TLS handshake failed: the server answered in plaintext (it does not speak TLS here)',
    };
  if (/certificate|self[- ]signed|altnames|handshake|SSL|TLS|alert/i.test(reason))
    return { kind: 'tls_rejected', reason: `TLS handshake failed: ${reason}` };
  return { kind: 'not_connected', reason: reason === '' ? 'no connection established' : reason };
}
