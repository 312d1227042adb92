// The engine's one channel pool: every state change becomes a `channel.state` event.

import { createHash } from 'node:crypto';
import { ChannelPool, toChannelConfig } from '../channels/index.js';
import { createSecretMask } from '../calls/index.js';
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
    // The pool's key digests every part a {{secret}} may be in with a per-process key (see
    // channelKey): clients get a hash of it, enough to tell channels apart, and the shown target.
    onState: (key, config, state) =>
      emit('channel.state', {
        key: createHash('sha256').update(key).digest('hex').slice(0, 16),
        target: config.shownTarget ?? config.target,
        state,
      }),
  });
  return {
    pool,
    async state(input) {
      const { connection, baseDir, secrets } = await prepareConnection(
        prepareCall,
        input.connection,
      );
      const mask = createSecretMask(secrets);
      try {
        const config = toChannelConfig(connection, { baseDir });
        if (mask) config.shownTarget = mask.text(config.target);
        if (input.connect) pool.get(config).getChannel().getConnectivityState(true);
        return { target: config.shownTarget ?? config.target, state: pool.state(config) };
      } catch (error) {
        throw mask ? mask.error(error) : error;
      }
    },
    close: () => pool.close(),
  };
}
