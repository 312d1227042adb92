export type { Transport, ConnectionStatus } from './types.js';
export { TransportError } from './types.js';
export { createWebSocketTransport, defaultSocketUrl } from './websocket.js';
export type { WebSocketTransportOptions, SocketLike } from './websocket.js';
export { createElectronTransport, electronBridge } from './electron.js';

import { createElectronTransport, electronBridge } from './electron.js';
import { createWebSocketTransport } from './websocket.js';
import type { Transport } from './types.js';

/** The Electron bridge when the preload provided one, the WebSocket to the web host otherwise. */
export function createTransport(): Transport {
  const bridge = electronBridge();
  return bridge ? createElectronTransport(bridge) : createWebSocketTransport();
}
