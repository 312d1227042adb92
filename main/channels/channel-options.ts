import type * as grpc from '@grpc/grpc-js';
import type { ChannelConfig } from './channel-types.js';
import { ChannelConfigError } from './channel-types.js';
import { STREAMING_CHANNEL_OPTIONS } from './streaming-options.js';
import { proxyOptions } from './proxy-options.js';

/** grpc-js's numbers for grpc.default_compression_algorithm (compression-algorithms.js). */
const COMPRESSION_ALGORITHM = { deflate: 1, gzip: 2 } as const;

export function channelOptions(config: ChannelConfig): grpc.ChannelOptions {
  const options: grpc.ChannelOptions = {
    // Each pooled channel owns its connection, so closing one never affects another.
    'grpc.use_local_subchannel_pool': 1,
    // HTTP/2 receive window, stream and connection: Node's 64 KiB stalls a fast server stream
    // on WINDOW_UPDATEs (grpc-go, grpcurl's, grows its own up to 16 MiB). receive-window.test
    'grpc-node.flow_control_window': 4 << 20,
    ...STREAMING_CHANNEL_OPTIONS,
    ...proxyOptions(config),
  };
  if (config.compression !== undefined)
    options['grpc.default_compression_algorithm'] = COMPRESSION_ALGORITHM[config.compression];
  if (config.authority) options['grpc.default_authority'] = config.authority;
  if (config.userAgent) options['grpc.primary_user_agent'] = config.userAgent;
  if (config.security.kind === 'tls') {
    // As grpcurl: -servername names the certificate to expect; without it, -authority does.
    const name = config.security.serverName || config.authority;
    if (name) options['grpc.ssl_target_name_override'] = name;
    if (config.security.serverName)
      options['grpc.default_authority'] ??= config.security.serverName;
  }
  if (config.maxSendBytes !== undefined)
    options['grpc.max_send_message_length'] = positive(config.maxSendBytes, 'maxSendBytes');
  if (config.maxReceiveBytes !== undefined) {
    options['grpc.max_receive_message_length'] = positive(
      config.maxReceiveBytes,
      'maxReceiveBytes',
    );
  }
  if (config.keepaliveMs !== undefined) {
    options['grpc.keepalive_time_ms'] = positive(config.keepaliveMs, 'keepaliveMs');
    options['grpc.keepalive_timeout_ms'] = Math.min(20_000, config.keepaliveMs);
    options['grpc.keepalive_permit_without_calls'] = 1;
  }
  return options;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0 || !Number.isInteger(value)) {
    throw new ChannelConfigError(`${name} must be a positive whole number, got ${value}`);
  }
  return value;
}
