// What the Electron preload exposes on `window.gwb`: exactly two functions, never ipcRenderer.

import type { ReplyEnvelope } from './envelope-guards.js';

export interface GwbBridge {
  /** Sends `{t:'call', id, name, input}` and resolves with the reply envelope. */
  invoke(name: string, input: unknown): Promise<ReplyEnvelope>;
  /** Listens to one event topic; returns the function that stops listening. */
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
}

/** The two IPC channels every Electron message travels on. */
export const IPC_INVOKE_CHANNEL = 'gwb:invoke';
export const IPC_EVENT_CHANNEL = 'gwb:event';
