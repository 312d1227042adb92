// The sockets gRPC-Web and Connect calls go over, made here rather than by Node's http/http2
// clients, so the connection's settings apply as they do to gRPC's channel: the resolved HTTP
// CONNECT proxy (main/proxy, the one resolver), the connect timeout, TCP keepalive on HTTP/1.1
// (HTTP/2 keeps alive with pings: protocol-transport.ts), and TLS with the same material.
import { Agent as HttpAgent, type AgentOptions } from 'node:http';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { ChannelConfig } from '../channels/index.js';
import { openTunnel } from '../proxy/proxy-tunnel.js';
import { serverHostPort, type ResolvedProxy } from '../proxy/resolve-proxy.js';

/** Where and how to open a connection's socket. */
export interface SocketPlan {
  /** The server's host (IPv6 unbracketed) and port. */
  host: string;
  port: number;
  /** TLS options when the server speaks TLS. */
  tls?: ConnectionOptions;
  proxy?: ResolvedProxy;
  connectTimeoutMs?: number;
  keepaliveMs?: number;
  /** Fires when the connection's owner closes: a tunnel still being asked for is given up. */
  closing?: AbortSignal;
}

/** A tunnel's time to open when the connection sets none: grpc-js's default connect timeout. */
export const DEFAULT_TUNNEL_TIMEOUT_MS = 20_000;

export function socketPlanOf(config: ChannelConfig): SocketPlan {
  const server = serverHostPort(config.target);
  if (!server) throw new Error(`${config.target} is not host:port`);
  const plan: SocketPlan = { host: server.host, port: Number(server.port) };
  if (config.security.kind === 'tls') plan.tls = tlsOptionsOf(config.security, server.host);
  if (config.proxy) plan.proxy = config.proxy;
  if (config.connectTimeoutMs !== undefined) plan.connectTimeoutMs = config.connectTimeoutMs;
  if (config.keepaliveMs !== undefined) plan.keepaliveMs = config.keepaliveMs;
  return plan;
}

function tlsOptionsOf(
  security: Extract<ChannelConfig['security'], { kind: 'tls' }>,
  host: string,
): ConnectionOptions {
  const options: ConnectionOptions = {};
  if (security.ca !== undefined) options.ca = security.ca;
  if (security.cert !== undefined) options.cert = security.cert;
  if (security.key !== undefined) options.key = security.key;
  if (security.skipVerify) options.rejectUnauthorized = false;
  // As Node's own clients do: SNI and the certificate check use the host unless it is an IP.
  const servername = security.serverName ?? (isIP(host) === 0 ? host : undefined);
  if (servername !== undefined) options.servername = servername;
  return options;
}

/** The socket of one HTTP/2 connection, returned at once (http2.connect's createConnection). */
export function http2Socket(plan: SocketPlan): Duplex {
  if (plan.proxy) return new LateSocket(tunnelledSocket(plan, plan.proxy, ['h2']));
  return directSocket(plan, ['h2']);
}

/**
 * A tunnelled HTTP/2 socket, opened before the session is made: a tunnel the proxy refuses then
 * fails the request that asked for it, rather than a session Node already called connected.
 */
export function http2Tunnel(plan: SocketPlan & { proxy: ResolvedProxy }): Promise<Socket> {
  return tunnelledSocket(plan, plan.proxy, ['h2']);
}

/**
 * node:https, loaded when a TLS HTTP/1.1 agent is first made rather than with this module: every
 * gRPC call imports this file, and node:https is the one module here that node:http2 has not loaded
 * already (a small saving: ~1–2 M instructions of a ~827 M call, by callgrind, near its run-to-run
 * noise; app/cli/call-builtins.test.ts).
 */
function httpsAgent(): typeof import('node:https').Agent {
  return process.getBuiltinModule('node:https').Agent;
}

/** An HTTP/1.1 agent (keep-alive, as Node's global one) whose sockets follow the plan. */
export function http1Agent(plan: SocketPlan): HttpAgent {
  const options: AgentOptions = { keepAlive: true };
  if (plan.keepaliveMs !== undefined) options.keepAliveMsecs = plan.keepaliveMs;
  const agent = plan.tls ? new (httpsAgent())(options) : new HttpAgent(options);
  // Node's Agent takes the socket returned, or later through the callback (the tunnel's case).
  const createConnection = (
    _options: unknown,
    callback: (error: Error | null, socket?: Duplex) => void,
  ): Duplex | undefined => {
    if (!plan.proxy) return withKeepalive(directSocket(plan, ['http/1.1']), plan);
    tunnelledSocket(plan, plan.proxy, ['http/1.1']).then(
      (socket) => callback(null, withKeepalive(socket, plan)),
      (error: Error) => callback(error),
    );
    return undefined;
  };
  Object.assign(agent, { createConnection });
  return agent;
}

function withKeepalive(socket: Socket, plan: SocketPlan): Socket {
  if (plan.keepaliveMs !== undefined) socket.setKeepAlive(true, plan.keepaliveMs);
  return socket;
}

/** A TCP (or TLS) socket to the server, failed with ETIMEDOUT if not ready in time. */
function directSocket(plan: SocketPlan, alpn: string[]): Socket {
  const socket = plan.tls
    ? tlsConnect({ ...plan.tls, host: plan.host, port: plan.port, ALPNProtocols: alpn })
    : netConnect({ host: plan.host, port: plan.port });
  if (plan.connectTimeoutMs !== undefined) {
    const timer = setTimeout(() => socket.destroy(timedOut(plan)), plan.connectTimeoutMs);
    socket.once(plan.tls ? 'secureConnect' : 'connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  }
  return socket;
}

/**
 * A socket through the proxy's tunnel (TLS inside it when the server speaks TLS). The CONNECT has
 * the connect timeout (grpc-js's 20 s when none is set) and is given up when the owner closes;
 * the TLS handshake inside has what is left of the connect timeout.
 */
async function tunnelledSocket(
  plan: SocketPlan,
  proxy: ResolvedProxy,
  alpn: string[],
): Promise<Socket> {
  const started = Date.now();
  const tunnel = await openTunnel(proxy, `${plan.host}:${plan.port}`, {
    timeoutMs: plan.connectTimeoutMs ?? DEFAULT_TUNNEL_TIMEOUT_MS,
    ...(plan.closing ? { signal: plan.closing } : {}),
  });
  if (!plan.tls) return tunnel;
  const secured = tlsConnect({ ...plan.tls, socket: tunnel, ALPNProtocols: alpn });
  const left =
    plan.connectTimeoutMs === undefined
      ? undefined
      : Math.max(0, plan.connectTimeoutMs - (Date.now() - started));
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      secured.once('secureConnect', resolve);
      secured.once('error', reject);
      if (left !== undefined)
        timer = setTimeout(() => {
          secured.destroy();
          reject(timedOut(plan));
        }, left);
    });
  } finally {
    clearTimeout(timer);
  }
  return secured;
}

/** What the classifier reads as "connection timed out" (main/channels/connection-failure.ts). */
function timedOut(plan: SocketPlan): Error {
  return Object.assign(new Error(`connect ETIMEDOUT ${plan.host}:${plan.port} (connect timeout)`), {
    code: 'ETIMEDOUT',
  });
}

/**
 * A stream that stands for a socket still being opened (http2.connect wants one at once): what is
 * written waits until the socket is there, then both directions pass straight through.
 */
class LateSocket extends Duplex {
  private socket: Socket | undefined;
  private readonly waiting: (() => void)[] = [];

  constructor(opening: Promise<Socket>) {
    super();
    opening.then(
      (socket) => this.attach(socket),
      (error: Error) => this.destroy(error),
    );
  }

  private attach(socket: Socket): void {
    if (this.destroyed) {
      socket.destroy();
      return;
    }
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) socket.pause();
    });
    socket.once('end', () => this.push(null));
    socket.once('error', (error) => this.destroy(error));
    socket.once('close', () => this.destroy());
    for (const go of this.waiting.splice(0)) go();
  }

  private whenAttached(go: () => void): void {
    if (this.socket) go();
    else this.waiting.push(go);
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.whenAttached(() => this.socket?.write(chunk, callback));
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.whenAttached(() => {
      this.socket?.end();
      callback();
    });
  }

  override _read(): void {
    this.socket?.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket?.destroy();
    callback(error);
  }
}
