import { WorkbenchError, type ErrorCode } from '../../shared/contract/errors.js';
import type { ResolvedProxy } from '../proxy/resolve-proxy.js';

export type Security =
  | { kind: 'plaintext' }
  | {
      kind: 'tls';
      /** PEM of the CA(s) to trust instead of the system roots. */
      ca?: string;
      /** PEM client certificate chain, for mTLS (needs `key`). */
      cert?: string;
      /** PEM private key of the client certificate (needs `cert`). */
      key?: string;
      /** Accept any server certificate. Only ever set by an explicit user choice. */
      skipVerify?: boolean;
      /** Name to verify the server certificate against (and to send as SNI). */
      serverName?: string;
    };

export interface ChannelConfig {
  /** host:port, or any grpc-js target URI (dns:, unix:, ipv4:…). */
  target: string;
  /**
   * The target as it may be shown (events, errors): secret values masked. Not part of the
   * channel's identity; absent when the target holds no secret.
   */
  shownTarget?: string;
  security: Security;
  /** `:authority` of every request (grpc.default_authority). */
  authority?: string;
  /** Put before grpc-js's own User-Agent (grpc.primary_user_agent), as grpcurl -user-agent. */
  userAgent?: string;
  maxSendBytes?: number;
  maxReceiveBytes?: number;
  /** Interval between keepalive pings on an open connection. */
  keepaliveMs?: number;
  /** Default time waitReady() allows for the connection to become READY. */
  connectTimeoutMs?: number;
  /** The HTTP CONNECT proxy the channel goes through (resolved once, from the connection or the environment). */
  proxy?: ResolvedProxy;
  /** Compression of sent messages. grpc-js 1.14 sets it per channel only, so it is part of the key. */
  compression?: 'gzip' | 'deflate';
}

export type ConnectivityStateName =
  'IDLE' | 'CONNECTING' | 'READY' | 'TRANSIENT_FAILURE' | 'SHUTDOWN';

/** A connection that cannot become a channel: bad address, unreadable or unusable TLS files. */
export class ChannelConfigError extends WorkbenchError {
  override readonly name = 'ChannelConfigError';
  constructor(message: string, code: ErrorCode = 'channel_error', details?: unknown) {
    super(code, message, details);
  }
}
