// The Electron transport: the preload's two-function bridge. IPC does not drop messages, so no
// reconnect or catch-up is needed here.

import type {
  CommandName,
  EventPayload,
  EventTopic,
  Input,
  Output,
} from '../../shared/contract/index.js';
import type { GwbBridge } from '../../shared/wire/bridge.js';
import { Listeners } from './listeners.js';
import { TransportError, type ConnectionStatus, type Transport } from './types.js';

export function electronBridge(): GwbBridge | undefined {
  return (globalThis as { gwb?: GwbBridge }).gwb;
}

export function createElectronTransport(bridge: GwbBridge): Transport {
  const status = new Listeners<ConnectionStatus>();
  const unsubscribers = new Set<() => void>();
  return {
    async invoke<N extends CommandName>(name: N, input: Input<N>): Promise<Output<N>> {
      // IPC's structured clone keeps undefined, Dates and Maps; JSON does not. Normalising here
      // gives the engine exactly what the WebSocket would, so both hosts behave alike.
      const reply = await bridge.invoke(name, JSON.parse(JSON.stringify(input ?? {})) as unknown);
      if (reply.t === 'error') throw new TransportError(reply.code, reply.message, reply.details);
      return reply.output as Output<N>;
    },
    subscribe<T extends EventTopic>(topic: T, listener: (payload: EventPayload<T>) => void) {
      const off = bridge.subscribe(topic, listener as (payload: unknown) => void);
      unsubscribers.add(off);
      return () => {
        unsubscribers.delete(off);
        off();
      };
    },
    onStatus(listener) {
      listener('open');
      return status.add(listener);
    },
    close() {
      for (const off of unsubscribers) off();
      unsubscribers.clear();
      status.emit('closed');
    },
  };
}
