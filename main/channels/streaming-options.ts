import type * as grpc from '@grpc/grpc-js';

/**
 * Channel options for long client streams. grpc-js keeps sent messages in a per-call retry buffer
 * (256 KiB by default) and, once the call commits, trims that buffer with an array slice on every
 * write: a stream of small messages becomes quadratic (100k messages took ~40 s instead of ~2 s).
 * With no retry buffer the call commits at once and each write waits only for its own send.
 * Every channel the engine opens gets these (channelOptions); raw test clients can spread them.
 */
export const STREAMING_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.enable_retries': 0,
  'grpc.per_rpc_retry_buffer_size': 0,
};
