// The engine's one channel pool: every state change becomes a `channel.state` event.

import { ChannelPool, toChannelConfig } from '../channels/index.js';
import type { Emit, Output, ParsedInput } from '../../shared/contract/index.js';

export interface EngineChannels {
  pool: ChannelPool;
  state(input: ParsedInput<'channel.state'>): Promise<Output<'channel.state'>>;
  close(): void;
}

export function createEngineChannels(
  emit: Emit,
  /** Where relative certificate files start (the open workspace). */
  baseDir: () => string | undefined = () => undefined,
): EngineChannels {
  const pool = new ChannelPool({
    onState: (key, config, state) => emit('channel.state', { key, target: config.target, state }),
  });
  return {
    pool,
    async state(input) {
      const dir = baseDir();
      const config = toChannelConfig(input.connection, dir !== undefined ? { baseDir: dir } : {});
      if (input.connect) pool.get(config).getChannel().getConnectivityState(true);
      return { target: config.target, state: pool.state(config) };
    },
    close: () => pool.close(),
  };
}
