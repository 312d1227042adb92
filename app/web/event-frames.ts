// Engine events to one page. A page that does not read (a busy or hidden tab, a slow link) must
// not make the host buffer an endless stream's every event for it: past a backlog, call event
// batches for that page are not sent. The page sees the seq gap at the next batch it gets and asks
// `call.events` for what it missed (renderer/transport/call-tracker.ts), which the engine answers
// from its bounded log and spill. A batch that ends a call is always sent, so the gap is noticed
// even when no batch follows it.
import type { WebSocket } from 'ws';
import type { EventPayload, EventTopic } from '../../shared/contract/index.js';

/** Bytes queued for one page above which call event batches are held back (~25 batches). */
export const MAX_PAGE_BACKLOG = 4 << 20;

function endsACall(payload: EventPayload<'call.events'>): boolean {
  return payload.events.some((e) => e.type === 'ended');
}

/** Sends an event frame to a page unless it is a call event batch the page is too far behind for. */
export function sendEventFrame<T extends EventTopic>(
  socket: WebSocket,
  topic: T,
  payload: EventPayload<T>,
  frame: string,
): void {
  if (socket.readyState !== socket.OPEN) return;
  if (
    topic === 'call.events' &&
    socket.bufferedAmount > MAX_PAGE_BACKLOG &&
    !endsACall(payload as EventPayload<'call.events'>)
  )
    return;
  socket.send(frame);
}
