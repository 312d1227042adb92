// Batches one mock's call reports into `mock.calls` events: a client hammering the mock (thousands
// of calls a second) must not become thousands of window messages and renders a second.

import type { EventPayload } from '../../shared/contract/index.js';

export type MockCall = EventPayload<'mock.calls'>['calls'][number];

/** The UI shows at most this many; a batch never carries more. */
export const MAX_MOCK_CALLS_PER_EVENT = 200;
export const MOCK_CALLS_INTERVAL_MS = 50;

export interface MockCallFeed {
  add(call: MockCall): void;
  /** Drops what is pending and ignores later calls. */
  stop(): void;
}

export function createMockCallFeed(
  emit: (calls: MockCall[], dropped: number) => void,
  intervalMs = MOCK_CALLS_INTERVAL_MS,
): MockCallFeed {
  let pending: MockCall[] = [];
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const flush = (): void => {
    timer = undefined;
    const excess = Math.max(0, pending.length - MAX_MOCK_CALLS_PER_EVENT);
    const calls = excess > 0 ? pending.slice(excess) : pending;
    const left = dropped + excess;
    pending = [];
    dropped = 0;
    if (calls.length > 0) emit(calls, left);
  };

  return {
    add(call) {
      if (stopped) return;
      pending.push(call);
      // Trimmed in chunks so a burst costs one splice per MAX calls, not one shift per call.
      if (pending.length >= 2 * MAX_MOCK_CALLS_PER_EVENT) {
        const excess = pending.length - MAX_MOCK_CALLS_PER_EVENT;
        pending.splice(0, excess);
        dropped += excess;
      }
      if (timer === undefined) {
        timer = setTimeout(flush, intervalMs);
        timer.unref();
      }
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = [];
      dropped = 0;
    },
  };
}
