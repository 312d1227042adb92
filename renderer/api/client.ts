// What the store needs from the engine: typed commands and event topics from the shared contract.
// The transport (renderer/transport) provides one of these over Electron IPC or a WebSocket.
import type {
  CommandName,
  EventPayload,
  EventTopic,
  Input,
  Output,
} from '../../shared/contract/types.js';

export interface EngineClient {
  invoke<N extends CommandName>(name: N, input: Input<N>): Promise<Output<N>>;
  subscribe<T extends EventTopic>(topic: T, cb: (payload: EventPayload<T>) => void): () => void;
}

/** The error shape every command failure carries across the wire. */
export function errorMessage(e: unknown): string {
  if (
    typeof e === 'object' &&
    e !== null &&
    'message' in e &&
    typeof (e as { message: unknown }).message === 'string'
  ) {
    return (e as { message: string }).message;
  }
  return String(e);
}
