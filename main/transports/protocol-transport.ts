// A connect-node Transport for a connection's gRPC-Web or Connect protocol, built from the same
// resolved channel configuration as gRPC's channel (main/channels/connection-config.ts): TLS
// material, skip-verify, server name, message limits, gzip, the proxy, :authority, keepalive and
// the connect timeout. HTTP/2 connections (one Http2SessionManager each) and HTTP/1.1 agents are
// kept per channel key, so calls share a connection as gRPC's do.
import type { Registry } from '@bufbuild/protobuf';
import type { Interceptor, Transport } from '@connectrpc/connect';
import {
  compressionBrotli,
  compressionGzip,
  createConnectTransport,
  createGrpcWebTransport,
  createNodeHttpClient,
  Http2SessionManager,
} from '@connectrpc/connect-node';
import { validateReadWriteMaxBytes, type Compression } from '@connectrpc/connect/protocol';
import { createTransport as createGrpcWebTextTransport } from '@connectrpc/connect/protocol-grpc-web';
import type { Agent } from 'node:http';
import type * as http2 from 'node:http2';
import type { Protocol } from '../../shared/request/connection.js';
import { channelKey, type ChannelConfig } from '../channels/index.js';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  http1Agent,
  http2Socket,
  http2Tunnel,
  socketPlanOf,
  type SocketPlan,
} from './protocol-sockets.js';
import { grpcWebTextClient } from './grpc-web-text.js';
import { withProtoHeaderKept } from './wire-metadata.js';

/** gRPC's default limit on a received message; the same for every protocol. */
const DEFAULT_RECEIVE_BYTES = 4 << 20;
/** An HTTP/2 connection nobody uses closes after this long (connect-node's default is 15 min). */
const IDLE_CONNECTION_MS = 60_000;
/**
 * How long a PING's answer may take: grpc-js's default keepalive timeout. Not tied to a short
 * interval: on a loaded machine a 50 ms answer is not a dead connection.
 */
const PING_TIMEOUT_MS = 20_000;
const MAX_KEPT = 32;

/** Kept HTTP/2 connections and HTTP/1.1 agents, by the channel key of their configuration. */
const sessions = new Map<string, Http2SessionManager>();
const agents = new Map<string, Agent>();
/** Aborted on close: tunnels still being asked for by the kept connections are given up. */
let closing = new AbortController();

/** The socket plan of a kept connection: closing it gives up its pending tunnels. */
function keptPlanOf(config: ChannelConfig): SocketPlan {
  return { ...socketPlanOf(config), closing: closing.signal };
}

/** `http(s)://host:port` for the target (a `dns:` prefix dropped). */
export function baseUrlOf(config: ChannelConfig): string {
  const hostPort = config.target.replace(/^dns:\/{0,3}/, '');
  return `${config.security.kind === 'tls' ? 'https' : 'http'}://${hostPort}`;
}

/**
 * connect-node's session manager with the connection's `:authority` on every request (as
 * grpcurl's -authority; Node would write its own host:port) and the socket made by
 * protocol-sockets.ts (proxy, connect timeout, TLS). Through a proxy the tunnel is opened before
 * the session: Node calls a session on a stream that is not a net.Socket connected at once, so a
 * tunnel refused later would be an error on a session nobody listens to any more.
 *
 * Defined on first use, not at module level: extending Http2SessionManager uses connect-node, which
 * gwb's bundle loads only when an export is used (scripts/cli-bundle.mjs), and a gRPC call never
 * needs it.
 */
type ConfiguredSessionManagerClass = new (
  config: ChannelConfig,
  authorityHeader: string | undefined,
) => Http2SessionManager;
let configuredSessionManager: ConfiguredSessionManagerClass | undefined;

function configuredSessionManagerClass(): ConfiguredSessionManagerClass {
  configuredSessionManager ??= class ConfiguredSessionManager extends Http2SessionManager {
    constructor(
      config: ChannelConfig,
      private readonly authorityHeader: string | undefined,
      private readonly sockets = new TunnelFirst(keptPlanOf(config)),
    ) {
      super(
        baseUrlOf(config),
        {
          idleConnectionTimeoutMs: IDLE_CONNECTION_MS,
          ...(config.keepaliveMs !== undefined
            ? {
                pingIntervalMs: config.keepaliveMs,
                pingTimeoutMs: PING_TIMEOUT_MS,
              }
            : {}),
        },
        { createConnection: () => sockets.take() },
      );
    }

    override async request(
      method: string,
      path: string,
      headers: http2.OutgoingHttpHeaders,
      options: Omit<http2.ClientSessionRequestOptions, 'signal'>,
    ): Promise<http2.ClientHttp2Stream> {
      const state = this.state();
      if (state !== 'open' && state !== 'idle' && state !== 'verifying')
        await this.sockets.prepare();
      const withAuthority =
        this.authorityHeader === undefined
          ? headers
          : { ...headers, ':authority': this.authorityHeader };
      return super.request(method, path, withProtoHeaderKept(withAuthority), options);
    }
  };
  return configuredSessionManager;
}

/** The next HTTP/2 socket: a tunnel opened ahead (prepare), else one made on the spot. */
class TunnelFirst {
  private ready: Socket | undefined;
  private opening: Promise<void> | undefined;

  constructor(private readonly plan: SocketPlan) {}

  /** Opens the tunnel when there is a proxy; rejects with the proxy's refusal. */
  prepare(): Promise<void> {
    const { proxy } = this.plan;
    if (proxy === undefined || this.ready) return Promise.resolve();
    this.opening ??= http2Tunnel({ ...this.plan, proxy })
      .then((socket) => {
        this.ready = socket;
      })
      .finally(() => {
        this.opening = undefined;
      });
    return this.opening;
  }

  take(): Duplex {
    const prepared = this.ready;
    this.ready = undefined;
    return prepared && !prepared.destroyed ? prepared : http2Socket(this.plan);
  }
}

function kept<T>(map: Map<string, T>, key: string, make: () => T, drop: (old: T) => void): T {
  const found = map.get(key);
  if (found) return found;
  if (map.size >= MAX_KEPT) {
    const [oldestKey, oldest] = map.entries().next().value as [string, T];
    map.delete(oldestKey);
    drop(oldest);
  }
  const created = make();
  map.set(key, created);
  return created;
}

/** The channel's key (compression aside: it is per call here) with the connect timeout, which
 * the sockets here apply and grpc-js's channels do not. */
function keyOf(config: ChannelConfig): string {
  return `${channelKey({ ...config, compression: undefined })}|connectTimeout=${config.connectTimeoutMs ?? ''}`;
}

function sessionFor(config: ChannelConfig): Http2SessionManager {
  return kept(
    sessions,
    keyOf(config),
    () => new (configuredSessionManagerClass())(config, config.authority),
    (old) => old.abort(),
  );
}

function agentFor(config: ChannelConfig): Agent {
  return kept(
    agents,
    keyOf(config),
    () => http1Agent(keptPlanOf(config)),
    (old) => old.destroy(),
  );
}

/** connect-es's own User-Agent and gRPC-Web's X-User-Agent (both `connect-es/<version>`). */
const USER_AGENT_HEADERS = ['User-Agent', 'X-User-Agent'] as const;

/**
 * The connection's user agent put before connect-es's own (`my-tool/1 connect-es/2.1.2`), as
 * grpc-js puts grpc.primary_user_agent before `grpc-node-js/…` on gRPC. connect-es writes both
 * headers for gRPC-Web (X-User-Agent because browsers forbid User-Agent; this is Node, which
 * allows it) and User-Agent for Connect, after the call's own headers: so it is done here, on the
 * request as it is sent.
 */
function userAgentFirst(userAgent: string): Interceptor {
  return (next) => (request) => {
    for (const name of USER_AGENT_HEADERS) {
      const own = request.header.get(name);
      if (own !== null) request.header.set(name, `${userAgent} ${own}`);
    }
    return next(request);
  };
}

/** The transport for a gRPC-Web or Connect call (`protocol` is not gRPC). */
export function protocolTransport(
  config: ChannelConfig,
  protocol: Exclude<Protocol, { kind: 'grpc' }>,
  registry: Registry,
  /** The call's gzip (sent-compression.ts), compressing each message once; connect-node's by default. */
  gzip: Compression = compressionGzip,
): Transport {
  const common = {
    baseUrl: baseUrlOf(config),
    useBinaryFormat: protocol.kind === 'grpcweb' || protocol.codec !== 'json',
    // Any in JSON needs the schema's types (the engine's registry, reflection's included).
    jsonOptions: { registry },
    readMaxBytes: config.maxReceiveBytes ?? DEFAULT_RECEIVE_BYTES,
    ...(config.maxSendBytes !== undefined ? { writeMaxBytes: config.maxSendBytes } : {}),
    ...(config.compression === 'gzip' ? { sendCompression: gzip, compressMinBytes: 0 } : {}),
    interceptors: config.userAgent ? [userAgentFirst(config.userAgent)] : [],
  };
  const http =
    protocol.httpVersion === '1.1'
      ? {
          httpVersion: '1.1' as const,
          nodeOptions: {
            agent: agentFor(config),
            ...(config.authority !== undefined ? { headers: { host: config.authority } } : {}),
          },
        }
      : { httpVersion: '2' as const, sessionManager: sessionFor(config) };
  if (protocol.kind === 'connect') return createConnectTransport({ ...common, ...http });
  if (protocol.encoding !== 'text') return createGrpcWebTransport({ ...common, ...http });
  // connect-node's own options, with its HTTP client wrapped in the text encoding.
  const httpClient = grpcWebTextClient(
    http.httpVersion === '1.1'
      ? createNodeHttpClient(http)
      : createNodeHttpClient({ httpVersion: '2', sessionProvider: () => http.sessionManager }),
  );
  return createGrpcWebTextTransport({
    ...common,
    ...validateReadWriteMaxBytes(
      common.readMaxBytes,
      common.writeMaxBytes,
      common.compressMinBytes,
    ),
    httpClient,
    useBinaryFormat: true,
    sendCompression: common.sendCompression ?? null,
    acceptCompression: [compressionGzip, compressionBrotli],
  });
}

/** Closes the kept HTTP/2 connections and HTTP/1.1 agents (engine shutdown, tests). */
export function closeProtocolConnections(): void {
  closing.abort();
  closing = new AbortController();
  for (const session of sessions.values()) session.abort();
  sessions.clear();
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
