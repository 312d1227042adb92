// A connect-node Transport for a connection's gRPC-Web or Connect protocol, built from the same
// resolved channel configuration as gRPC's channel (main/channels/connection-config.ts): TLS
// material, skip-verify, server name, message limits, gzip. HTTP/2 connections are kept per
// server and TLS setting (one Http2SessionManager each), so calls share a connection as gRPC's do.
import type { Registry } from '@bufbuild/protobuf';
import type { Transport } from '@connectrpc/connect';
import {
  compressionGzip,
  createConnectTransport,
  createGrpcWebTransport,
  Http2SessionManager,
} from '@connectrpc/connect-node';
import { createHash } from 'node:crypto';
import type { Protocol } from '../../shared/request/connection.js';
import type { ChannelConfig } from '../channels/index.js';

/** gRPC's default limit on a received message; the same for every protocol. */
const DEFAULT_RECEIVE_BYTES = 4 << 20;
/** An HTTP/2 connection nobody uses closes after this long (connect-node's default is 15 min). */
const IDLE_CONNECTION_MS = 60_000;
const MAX_KEPT = 32;

const sessions = new Map<string, Http2SessionManager>();

/** `http(s)://host:port` for the target (a `dns:` prefix dropped). */
export function baseUrlOf(config: ChannelConfig): string {
  const hostPort = config.target.replace(/^dns:\/{0,3}/, '');
  return `${config.security.kind === 'tls' ? 'https' : 'http'}://${hostPort}`;
}

/** What node's https and http2 clients both take for the connection's TLS. */
interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized?: boolean;
  servername?: string;
}

function tlsOptionsOf(config: ChannelConfig): TlsOptions {
  const { security } = config;
  if (security.kind !== 'tls') return {};
  const options: TlsOptions = {};
  if (security.ca !== undefined) options.ca = security.ca;
  if (security.cert !== undefined) options.cert = security.cert;
  if (security.key !== undefined) options.key = security.key;
  if (security.skipVerify) options.rejectUnauthorized = false;
  if (security.serverName !== undefined) options.servername = security.serverName;
  return options;
}

function sessionFor(baseUrl: string, tls: TlsOptions): Http2SessionManager {
  const key = createHash('sha256')
    .update(JSON.stringify([baseUrl, tls]))
    .digest('hex');
  const kept = sessions.get(key);
  if (kept) return kept;
  if (sessions.size >= MAX_KEPT) {
    const [oldestKey, oldest] = sessions.entries().next().value as [string, Http2SessionManager];
    sessions.delete(oldestKey);
    oldest.abort();
  }
  const created = new Http2SessionManager(
    baseUrl,
    { idleConnectionTimeoutMs: IDLE_CONNECTION_MS },
    tls,
  );
  sessions.set(key, created);
  return created;
}

/** The transport for a gRPC-Web or Connect call (`protocol` is not gRPC). */
export function protocolTransport(
  config: ChannelConfig,
  protocol: Exclude<Protocol, { kind: 'grpc' }>,
  registry: Registry,
): Transport {
  const baseUrl = baseUrlOf(config);
  const tls = tlsOptionsOf(config);
  const common = {
    baseUrl,
    useBinaryFormat: protocol.kind === 'grpcweb' || protocol.codec !== 'json',
    // Any in JSON needs the schema's types (the engine's registry, reflection's included).
    jsonOptions: { registry },
    readMaxBytes: config.maxReceiveBytes ?? DEFAULT_RECEIVE_BYTES,
    ...(config.maxSendBytes !== undefined ? { writeMaxBytes: config.maxSendBytes } : {}),
    ...(config.compression === 'gzip'
      ? { sendCompression: compressionGzip, compressMinBytes: 0 }
      : {}),
  };
  const http =
    protocol.httpVersion === '1.1'
      ? { httpVersion: '1.1' as const, nodeOptions: tls }
      : { httpVersion: '2' as const, sessionManager: sessionFor(baseUrl, tls) };
  return protocol.kind === 'grpcweb'
    ? createGrpcWebTransport({ ...common, ...http })
    : createConnectTransport({ ...common, ...http });
}

/** Closes the kept HTTP/2 connections (engine shutdown, tests). */
export function closeProtocolConnections(): void {
  for (const session of sessions.values()) session.abort();
  sessions.clear();
}
