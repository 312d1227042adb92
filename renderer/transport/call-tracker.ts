// Keeps each call's events gap-free and in seq order across reconnects: live batches are checked
// against the last seq delivered; a gap (events missed while disconnected) is filled by asking
// `call.events` from the last seq, while newer live events wait in a buffer.

import type { CallEvent } from '../../shared/calls/events.js';
import type { Output } from '../../shared/contract/index.js';

export type FetchSince = (callId: string, sinceSeq: number) => Promise<Output<'call.events'>>;

interface CallState {
  lastSeq: number;
  done: boolean;
  catchingUp: boolean;
  buffer: CallEvent[];
}

export class CallTracker {
  private readonly calls = new Map<string, CallState>();

  constructor(
    private readonly fetchSince: FetchSince,
    private readonly deliver: (callId: string, events: CallEvent[]) => void,
  ) {}

  /** A call the renderer started: tracked from seq 0 even before its first event arrives. */
  track(callId: string): void {
    if (!this.calls.has(callId))
      this.calls.set(callId, { lastSeq: -1, done: false, catchingUp: false, buffer: [] });
  }

  forget(callId: string): void {
    this.calls.delete(callId);
  }

  live(callId: string, events: CallEvent[]): void {
    this.track(callId);
    const state = this.calls.get(callId)!;
    if (state.catchingUp) {
      state.buffer.push(...events);
      return;
    }
    const first = events[0];
    if (first && first.seq > state.lastSeq + 1) {
      state.buffer.push(...events);
      void this.catchUp(callId, state);
      return;
    }
    this.emitNew(callId, state, events);
  }

  /** After a reconnect: every call not yet ended asks for what it missed. */
  resync(): Promise<void> {
    const open = [...this.calls.entries()].filter(([, s]) => !s.done && !s.catchingUp);
    return Promise.all(open.map(([id, s]) => this.catchUp(id, s))).then(() => undefined);
  }

  private emitNew(callId: string, state: CallState, events: CallEvent[]): void {
    const fresh: CallEvent[] = [];
    for (const event of events) {
      if (event.seq !== state.lastSeq + 1) continue;
      fresh.push(event);
      state.lastSeq = event.seq;
      if (event.type === 'ended') state.done = true;
    }
    if (fresh.length > 0) this.deliver(callId, fresh);
  }

  private async catchUp(callId: string, state: CallState, attempt = 0): Promise<void> {
    state.catchingUp = true;
    let failed = false;
    try {
      for (;;) {
        const page = await this.fetchSince(callId, state.lastSeq + 1);
        this.emitNew(callId, state, page.events);
        if (!page.more) {
          if (page.done) state.done = true;
          break;
        }
      }
    } catch {
      // The link dropped again (the next resync asks from the same seq) or the call was released.
      failed = true;
    } finally {
      state.catchingUp = false;
    }
    const buffered = state.buffer.sort((a, b) => a.seq - b.seq);
    state.buffer = [];
    if (failed) return;
    const gap = buffered.find((e) => e.seq > state.lastSeq);
    if (gap && gap.seq > state.lastSeq + 1 && attempt < 5) {
      // Newer events than the page held, with a hole before them: ask again.
      state.buffer = buffered;
      await this.catchUp(callId, state, attempt + 1);
      return;
    }
    this.emitNew(callId, state, buffered);
  }
}
