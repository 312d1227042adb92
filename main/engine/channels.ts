// The engine's one channel pool: every state change becomes a `channel.state` event.

import { ChannelPool, toChannelConfig } from '../channels/index.js';
import type { Emit, Output, ParsedInput } from '../../shared/contract/index.js';
import { prepareConnection, type PrepareCall } from './prepare-call.js';

export interface EngineChannels {
  pool: ChannelPool;
  state(input: ParsedInput<'channel.state'>): Promise<Output<'channel.state'>>;
  close(): void;
}

export function createEngineChannels(
  emit: Emit,
  /** Substitutes a connection's variables as a call would (the workspace's prepareCall). */
  prepareCall: PrepareCall,
): EngineChannels {
  const pool = new ChannelPool({
    onState: (key, config, state) => emit('channel.state', { key, target: config.target, state }),
  });
  return {
    pool,
    async state(input) {
      const { connection, baseDir } = await prepareConnection(prepareCall, input.connection);
      const config = toChannelConfig(connection, { baseDir });
      if (input.connect) pool.get(config).getChannel().getConnectivityState(true);
      return { target: config.target, state: pool.state(config) };
    },
    close: () => pool.close(),
  };
}
