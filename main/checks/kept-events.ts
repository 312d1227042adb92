// The events a call's checks see, one policy for the UI's calls and the runner's: every event, but
// only the first MAX_KEPT_MESSAGES received messages (an endless stream cannot take the engine's
// memory), and the count of every message received, so an assertion over `messages` or `message`
// can say it did not see them all instead of judging a part silently.
import type { CallEvent } from '../../shared/calls/events.js';

/** Received messages a call keeps for its checks; past this only the count grows. */
export const MAX_KEPT_MESSAGES = 100_000;

export class KeptEvents {
  readonly events: CallEvent[] = [];
  /** Messages received in all, the ones left out included. */
  received = 0;

  /** Keeps the event unless it is a received message past the cap; says whether it was kept. */
  add(event: CallEvent): boolean {
    if (event.type === 'received' && ++this.received > MAX_KEPT_MESSAGES) return false;
    this.events.push(event);
    return true;
  }
}
