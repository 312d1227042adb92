export {
  ChannelPool,
  stateName,
  type ChannelPoolOptions,
  type ChannelLease,
} from './channel-pool.js';
export { channelKey } from './channel-key.js';
export { channelOptions } from './channel-options.js';
export { STREAMING_CHANNEL_OPTIONS } from './streaming-options.js';
export { buildCredentials } from './credentials.js';
export {
  ChannelConfigError,
  type ChannelConfig,
  type Security,
  type ConnectivityStateName,
} from './channel-types.js';
export { toChannelConfig, type ChannelConfigOptions } from './connection-config.js';
