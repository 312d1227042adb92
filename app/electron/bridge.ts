// What the preload exposes as `window.gwb`: exactly two functions — invoke a command, subscribe to
// an event topic — built over ipcRenderer without ever handing ipcRenderer itself to the page.

import type { IpcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type GwbBridge } from '../../shared/wire/bridge.js';
import type { ReplyEnvelope } from '../../shared/wire/envelope.js';

export type IpcRendererApi = Pick<IpcRenderer, 'on' | 'invoke'>;

export function createBridge(ipcRenderer: IpcRendererApi): GwbBridge {
  let nextId = 1;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  ipcRenderer.on(
    IPC_EVENT_CHANNEL,
    (_event, envelope: { t?: unknown; topic?: unknown; payload?: unknown }) => {
      if (envelope?.t !== 'event' || typeof envelope.topic !== 'string') return;
      const set = listeners.get(envelope.topic);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener(envelope.payload);
        } catch (error) {
          console.error('gwb event listener failed', error);
        }
      }
    },
  );

  return {
    invoke(name: string, input: unknown): Promise<ReplyEnvelope> {
      return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, {
        t: 'call',
        id: nextId++,
        name: String(name),
        input,
      });
    },
    subscribe(topic: string, listener: (payload: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const key = String(topic);
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}
