import http2 from 'node:http2';
import net from 'node:net';
import type { SecureClientSessionOptions } from 'node:http2';
import type { Duplex } from 'node:stream';
import type { ChannelConfig } from '../channels/channel-types.js';
import { buildCredentials } from '../channels/credentials.js';
import { http2Socket, socketPlanOf, type SocketPlan } from '../transports/protocol-sockets.js';

/**
 * Where and how the proxy reaches its target: made from the ONE channel configuration
 * (main/channels/connection-config.ts → ChannelConfig), so -plaintext, -cacert, -cert/-key,
 * -insecure, -servername and -authority mean what they mean for a call.
 */
export interface TargetEndpoint {
  /** The URL http2.connect is given (scheme, host, port). */
  url: string;
  /** `:authority` of every forwarded request. */
  authority: string;
  options: SecureClientSessionOptions;
}

/** `host:port`, `dns:///host:port`, `ipv4:host:port`, `unix:/path` as grpc-js reads them. */
function hostPortOf(target: string): { host: string; port: string } | { socket: string } {
  if (target.startsWith('unix:')) return { socket: target.replace(/^unix:(\/\/)?/, '') };
  const bare = target.replace(/^(dns:(\/\/[^/]*)?\/|ipv4:|ipv6:)/, '').replace(/^\/+/, '');
  const ipv6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(bare);
  if (ipv6) return { host: ipv6[1] as string, port: ipv6[2] ?? '443' };
  const colon = bare.lastIndexOf(':');
  if (colon === -1) return { host: bare, port: '443' };
  return { host: bare.slice(0, colon), port: bare.slice(colon + 1) };
}

/** The name TLS checks the target's certificate against: -servername, else -authority's host. */
function tlsServerName(config: ChannelConfig): string | undefined {
  const s = config.security;
  return (s.kind === 'tls' ? s.serverName : undefined) ?? config.authority?.replace(/:\d+$/, '');
}

/** The socket plan; none for an address only grpc-js reads (`ipv4:a,b`): Node connects to it. */
function planOf(config: ChannelConfig): SocketPlan | undefined {
  try {
    return socketPlanOf(config);
  } catch {
    return undefined;
  }
}

export function targetEndpoint(config: ChannelConfig): TargetEndpoint {
  // The same checks of the PEM files as a channel: one clear error before the first call.
  buildCredentials(config.security);
  const tls = config.security.kind === 'tls';
  const where = hostPortOf(config.target);
  const options: SecureClientSessionOptions = {};
  let url: string;
  let authority: string;
  if ('socket' in where) {
    url = `${tls ? 'https' : 'http'}://localhost`;
    authority = 'localhost';
    const socket = where.socket;
    options.createConnection = () => net.connect(socket);
  } else {
    const host = where.host.includes(':') ? `[${where.host}]` : where.host;
    url = `${tls ? 'https' : 'http'}://${host}:${where.port}`;
    authority = `${host}:${where.port}`;
    // The one socket path of a connection: its HTTP CONNECT proxy and connect timeout apply to
    // the forwarded calls as they do to the channel that reflects on the target.
    const plan = planOf(config);
    const name = tls ? tlsServerName(config) : undefined;
    if (plan?.tls && name !== undefined) plan.tls.servername = name;
    if (plan) options.createConnection = () => http2Socket(plan);
  }
  if (config.authority !== undefined) authority = config.authority;
  if (config.security.kind === 'tls') {
    const s = config.security;
    if (s.ca !== undefined) options.ca = s.ca;
    if (s.cert !== undefined) options.cert = s.cert;
    if (s.key !== undefined) options.key = s.key;
    if (s.skipVerify) options.rejectUnauthorized = false;
    const name = tlsServerName(config);
    if (name !== undefined) options.servername = name;
    options.ALPNProtocols = ['h2'];
  }
  return { url, authority, options };
}

/**
 * A connection to a plaintext target for the pass-through (one per client connection): the same
 * socket path as a channel's (its HTTP CONNECT proxy and connect timeout), or its unix socket.
 */
export function openTargetSocket(config: ChannelConfig): Duplex {
  const where = hostPortOf(config.target);
  const plan = 'socket' in where ? undefined : planOf(config);
  const socket =
    'socket' in where
      ? net.connect(where.socket)
      : plan
        ? http2Socket(plan)
        : net.connect({ host: where.host, port: Number(where.port) });
  // Half-open, as a direct connection is: the client may still send after the target's FIN.
  socket.allowHalfOpen = true;
  return socket;
}

/**
 * One HTTP/2 session to the target, reused by every call, as a channel keeps one connection. A
 * session that closes, fails or receives GOAWAY is dropped: calls already on it finish (or fail)
 * there and the next call opens a new one, as a client reconnects.
 */
export class TargetSessions {
  private session: http2.ClientHttp2Session | undefined;
  private readonly all = new Set<http2.ClientHttp2Session>();
  /** The GOAWAY code each session received (one listener per session, not one per call). */
  private readonly goaways = new WeakMap<http2.ClientHttp2Session, number>();

  constructor(private readonly endpoint: TargetEndpoint) {}

  get authority(): string {
    return this.endpoint.authority;
  }

  current(): http2.ClientHttp2Session {
    const open = this.session;
    if (open && !open.closed && !open.destroyed) return open;
    const session = http2.connect(this.endpoint.url, this.endpoint.options);
    // As grpc-js does for its connections: small writes go out at once (no Nagle delay).
    // A tunnelled socket is a plain stream until the tunnel is open: it has no Nagle to turn off.
    session.once('connect', (_session: unknown, socket: Partial<net.Socket>) =>
      socket.setNoDelay?.(true),
    );
    this.session = session;
    this.all.add(session);
    const drop = (): void => {
      if (this.session === session) this.session = undefined;
    };
    session.on('goaway', (code: number) => {
      this.goaways.set(session, code);
      drop();
    });
    // Errors reach the streams on it (each answers its client); the session itself just goes.
    session.on('error', drop);
    session.on('close', () => {
      drop();
      this.all.delete(session);
    });
    // The proxy's own idle connection must not keep the process alive.
    session.unref();
    return session;
  }

  /** The code of the GOAWAY `session` received, if it did. */
  goawayCode(session: http2.ClientHttp2Session | undefined): number | undefined {
    return session ? this.goaways.get(session) : undefined;
  }

  close(): void {
    for (const session of this.all) session.destroy();
    this.all.clear();
    this.session = undefined;
  }
}
