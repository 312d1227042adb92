// The web host's transport: one WebSocket, envelopes as JSON text frames, reconnect with backoff,
// and a catch-up of every open call's events after a reconnect.

import type { CallEvent } from '../../shared/calls/events.js';
import type {
  CommandName,
  EventPayload,
  EventTopic,
  Input,
  Output,
} from '../../shared/contract/index.js';
import {
  isEventEnvelope,
  isReplyEnvelope,
  type ReplyEnvelope,
} from '../../shared/wire/envelope-guards.js';
import { CallTracker } from './call-tracker.js';
import { Listeners } from './listeners.js';
import { TransportError, type ConnectionStatus, type Transport } from './types.js';

/** The subset of the browser WebSocket we use (the `ws` package fits it too, for tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WebSocketTransportOptions {
  /** ws://host:port/ws?token=…; by default derived from the page's own location. */
  url?: string;
  createSocket?: (url: string) => SocketLike;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

const OPEN = 1;

/** Where the page keeps the launch token for this tab (sessionStorage is per origin and port). */
const TOKEN_KEY = 'gwb_token';

/** What the page remembers its token in; sessionStorage in a browser. */
export interface TokenMemory {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * The WebSocket URL for the page we are on, carrying the launch token. The page itself must send
 * it: the host's cookie loads the page's files but never opens the engine (cookies are not scoped
 * by port, so other local services see them). The token comes from the page's URL, or from this
 * tab's memory of it when the page was reloaded or navigated to without it.
 */
export function defaultSocketUrl(
  location: { protocol: string; host: string; search: string },
  memory: TokenMemory | undefined = browserMemory(),
): string {
  let token = new URLSearchParams(location.search).get('token');
  if (token) memory?.setItem(TOKEN_KEY, token);
  else token = memory?.getItem(TOKEN_KEY) ?? null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

function browserMemory(): TokenMemory | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    // Storage refused (privacy settings): the token must then stay in the URL.
    return undefined;
  }
}

export function createWebSocketTransport(options: WebSocketTransportOptions = {}): Transport {
  const url = options.url ?? defaultSocketUrl(globalThis.location);
  const createSocket =
    options.createSocket ?? ((u: string) => new WebSocket(u) as unknown as SocketLike);
  const initialBackoff = options.initialBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 5000;

  const pending = new Map<
    number,
    { resolve: (r: ReplyEnvelope) => void; reject: (e: Error) => void }
  >();
  const queue: string[] = [];
  const topics = new Map<string, Listeners<unknown>>();
  const statusListeners = new Listeners<ConnectionStatus>();
  let nextId = 1;
  let socket: SocketLike | undefined;
  let closed = false;
  let everOpened = false;
  let backoff = initialBackoff;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const tracker = new CallTracker(
    (callId, sinceSeq) => invoke('call.events', { callId, sinceSeq }),
    (callId, events) => topics.get('call.events')?.emit({ callId, events }),
  );

  function setStatus(status: ConnectionStatus): void {
    statusListeners.emit(status);
  }

  function connect(): void {
    setStatus(everOpened ? 'reconnecting' : 'connecting');
    const s = createSocket(url);
    socket = s;
    s.onopen = () => {
      backoff = initialBackoff;
      const wasReconnect = everOpened;
      everOpened = true;
      setStatus('open');
      for (const frame of queue.splice(0)) s.send(frame);
      if (wasReconnect) void tracker.resync();
    };
    s.onmessage = (ev) => onFrame(ev.data);
    s.onerror = () => undefined;
    s.onclose = () => {
      if (socket !== s) return;
      socket = undefined;
      // A request in flight may or may not have run; only the caller can decide to retry.
      for (const [, p] of pending)
        p.reject(new TransportError('unavailable', 'connection to the workbench engine lost'));
      pending.clear();
      // Their callers were just told the call failed; sending them later would run them anyway.
      queue.length = 0;
      if (closed) return setStatus('closed');
      setStatus('reconnecting');
      retryTimer = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, maxBackoff);
    };
  }

  function onFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let envelope: unknown;
    try {
      envelope = JSON.parse(data);
    } catch {
      return;
    }
    if (isReplyEnvelope(envelope)) {
      if (typeof envelope.id !== 'number') return;
      const p = pending.get(envelope.id);
      if (!p) return;
      pending.delete(envelope.id);
      p.resolve(envelope);
    } else if (isEventEnvelope(envelope)) {
      if (envelope.topic === 'call.events') {
        const payload = envelope.payload as { callId: string; events: CallEvent[] };
        tracker.live(payload.callId, payload.events);
      } else {
        topics.get(envelope.topic)?.emit(envelope.payload);
      }
    }
  }

  function send(frame: string): void {
    if (socket && socket.readyState === OPEN) socket.send(frame);
    else queue.push(frame);
  }

  async function invoke<N extends CommandName>(name: N, input: Input<N>): Promise<Output<N>> {
    if (closed) throw new TransportError('unavailable', 'the transport is closed');
    const id = nextId++;
    const reply = await new Promise<ReplyEnvelope>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      send(JSON.stringify({ t: 'call', id, name, input }));
    });
    if (reply.t === 'error') throw new TransportError(reply.code, reply.message, reply.details);
    const output = reply.output as Output<N>;
    if (name === 'call.start') tracker.track((output as Output<'call.start'>).callId);
    if (name === 'call.release') tracker.forget((input as Input<'call.release'>).callId);
    return output;
  }

  connect();

  return {
    invoke,
    subscribe<T extends EventTopic>(topic: T, listener: (payload: EventPayload<T>) => void) {
      let set = topics.get(topic);
      if (!set) topics.set(topic, (set = new Listeners<unknown>()));
      return set.add(listener as (payload: unknown) => void);
    },
    onStatus: (listener) => statusListeners.add(listener),
    close() {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      socket?.close();
    },
  };
}
