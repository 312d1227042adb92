// An HTTP CONNECT tunnel through the connection's resolved proxy (./resolve-proxy.ts), for the
// transports that open their own sockets (gRPC-Web and Connect, main/transports): grpc-js tunnels
// gRPC itself. The proxy is the same one, resolved once; a refusal is said in the same words as
// gRPC's (./proxy-failures.ts) and kept the same way, so a call's status reads alike on every
// protocol. The credentials go in Proxy-Authorization only, never in an error.
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { errorWords, recordProxyFailure, statusWords } from './proxy-failures.js';
import type { ResolvedProxy } from './resolve-proxy.js';

/** A proxy that did not open the tunnel: `reason` in words, without the proxy's address. */
export class ProxyTunnelError extends Error {
  override readonly name = 'ProxyTunnelError';
  constructor(
    readonly proxy: string,
    readonly target: string,
    readonly reason: string,
  ) {
    super(`proxy ${proxy}: ${reason}`);
  }
}

/** How long the proxy has to answer, and a signal that gives up on it (the engine closing). */
export interface TunnelLimits {
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * A connected socket to `target` (`host:port`, the host unbracketed as grpc-js writes it) through
 * the proxy's CONNECT tunnel. Rejects with ProxyTunnelError, recorded for the call's status. A
 * proxy that takes the connection but never answers would hold the call (and a socket) forever:
 * the request is destroyed when the time is up or the signal fires.
 */
export function openTunnel(
  proxy: ResolvedProxy,
  target: string,
  limits: TunnelLimits,
): Promise<Socket> {
  const [proxyHost, proxyPort] = splitAddress(proxy.address);
  const authority = bracketed(target);
  const headers: Record<string, string> = { host: authority };
  if (proxy.username !== undefined) {
    const credentials = `${proxy.username}:${proxy.password ?? ''}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    let answered = false;
    const fail = (reason: string): void => {
      answered = true;
      const error = new ProxyTunnelError(proxy.address, target, reason);
      recordProxyFailure({ proxy: proxy.address, target, reason });
      reject(error);
    };
    const asking = request({
      host: proxyHost,
      port: proxyPort,
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
    });
    const giveUp = (reason: string): void => {
      if (answered) return;
      fail(reason);
      asking.destroy();
    };
    const timer = setTimeout(
      () => giveUp(`did not answer the CONNECT to ${target} within ${limits.timeoutMs} ms`),
      limits.timeoutMs,
    );
    const onAbort = (): void => giveUp(`CONNECT to ${target} given up: the connection closed`);
    const settled = (): void => {
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
    };
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    asking.once('connect', (response, socket, head) => {
      settled();
      if (answered) {
        socket.destroy();
        return;
      }
      if (response.statusCode !== 200) {
        socket.destroy();
        fail(statusWords(response.statusCode ?? 0, target));
        return;
      }
      answered = true;
      // Bytes the proxy sent past its answer belong to the server: hand them back to the reader.
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    asking.once('error', (error) => {
      settled();
      if (!answered) fail(errorWords(String(error)));
    });
    asking.once('close', settled);
    if (limits.signal?.aborted) onAbort();
    else asking.end();
  });
}

function splitAddress(address: string): [string, number] {
  const found = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address);
  return [found?.[1] ?? address, Number(found?.[2] ?? 80)];
}

function bracketed(hostPort: string): string {
  const [host, port] = splitAddress(hostPort);
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
