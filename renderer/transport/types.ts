import type {
  CommandName,
  EventPayload,
  EventTopic,
  Input,
  Output,
  ErrorCode,
} from '../../shared/contract/index.js';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** The renderer's only way to the engine, whichever host carries it. */
export interface Transport {
  invoke<N extends CommandName>(name: N, input: Input<N>): Promise<Output<N>>;
  /** Subscribe before starting a call so no event of it is missed. */
  subscribe<T extends EventTopic>(
    topic: T,
    listener: (payload: EventPayload<T>) => void,
  ): () => void;
  /** Told whenever the link to the engine goes up or down (always 'open' for Electron). */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

/** A command answered with an error envelope, or the link failed ('unavailable'). */
export class TransportError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'TransportError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}
