// Call events leave the engine in batches: one emit per call at most every `intervalMs`, or as
// soon as `maxBatch` events are waiting. A million-message stream must not become a million IPC
// or WebSocket frames — the renderer would spend its time in message handlers, not drawing.

import type { CallEvent } from '../../shared/calls/events.js';
import type { CallObserverFactory } from './call-observer.js';

export interface BatcherOptions {
  /** Gets each batch; the events in it are the log's own objects, to be read, never changed. */
  emit: (callId: string, events: CallEvent[]) => void;
  intervalMs?: number;
  maxBatch?: number;
}

export interface EventBatcher {
  push(callId: string, event: Readonly<CallEvent>): void;
  /** Emits everything waiting for one call (e.g. when it ends, so the final status is not late). */
  flush(callId: string): void;
  flushAll(): void;
  /** Forgets what is waiting for a call without emitting it. */
  drop(callId: string): void;
  close(): void;
}

export function createEventBatcher({
  emit,
  intervalMs = 16,
  maxBatch = 1000,
}: BatcherOptions): EventBatcher {
  const pending = new Map<string, CallEvent[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(callId: string): void {
    const events = pending.get(callId);
    if (!events || events.length === 0) return;
    pending.delete(callId);
    emit(callId, events);
  }

  function flushAll(): void {
    timer = undefined;
    for (const callId of [...pending.keys()]) flush(callId);
  }

  return {
    push(callId, event) {
      let events = pending.get(callId);
      if (!events) pending.set(callId, (events = []));
      events.push(event);
      if (events.length >= maxBatch) flush(callId);
      else if (timer === undefined) timer = setTimeout(flushAll, intervalMs);
    },
    flush,
    flushAll() {
      if (timer !== undefined) clearTimeout(timer);
      flushAll();
    },
    drop(callId) {
      pending.delete(callId);
    },
    close() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}

/**
 * The UI's observer: every event of every call goes out through the batcher, and the final
 * status leaves at once instead of waiting for the next tick.
 */
export function batcherObserver(batcher: EventBatcher): CallObserverFactory {
  return ({ callId }) => ({
    onEvent(event) {
      batcher.push(callId, event);
      if (event.type === 'ended') batcher.flush(callId);
    },
    onAbandoned() {
      batcher.drop(callId);
    },
  });
}
