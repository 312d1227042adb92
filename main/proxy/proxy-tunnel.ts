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

/**
 * A connected socket to `target` (`host:port`, the host unbracketed as grpc-js writes it) through
 * the proxy's CONNECT tunnel. Rejects with ProxyTunnelError, recorded for the call's status.
 */
export function openTunnel(proxy: ResolvedProxy, target: string): Promise<Socket> {
  const [proxyHost, proxyPort] = splitAddress(proxy.address);
  const authority = bracketed(target);
  const headers: Record<string, string> = { host: authority };
  if (proxy.username !== undefined) {
    const credentials = `${proxy.username}:${proxy.password ?? ''}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
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
    asking.once('connect', (response, socket, head) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        fail(statusWords(response.statusCode ?? 0, target));
        return;
      }
      // Bytes the proxy sent past its answer belong to the server: hand them back to the reader.
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    asking.once('error', (error) => fail(errorWords(String(error))));
    asking.end();
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
