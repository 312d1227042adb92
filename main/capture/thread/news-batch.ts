// The capture thread's news, gathered into batches: each message costs the event loop a wake-up
// and a deserialisation (a message per call cost it ~20-30 µs a unary call), so news waits a
// little to go with more. Kept apart from the thread so its bookkeeping (which batch a call's
// 'started' is in, and where) is tested on its own, without timing.
import type { CallSummary } from '../call-record.js';

/** What the capture thread says, in order, one batch per message. */
export type CaptureNews =
  | { k: 'started'; id: number; method: string; file: string | undefined }
  | { k: 'counts'; id: number; sent: number; received: number }
  | { k: 'ended'; id: number; summary: CallSummary }
  | { k: 'error'; message: string }
  | { k: 'flushed'; token: number; connections: number };

export interface NewsBatchOptions {
  /**
   * Whether calls' starts are reported (the Capture panel lists a call from its 'started' and
   * ignores the end of one it never heard start). If not, only their ends are (`gwb proxy`).
   */
  startsReported: boolean;
  /** Arranges for `send` to be called soon; asked once a batch, at its first news. */
  later: (send: () => void) => void;
  /** Sends a batch (never empty). */
  post: (batch: CaptureNews[]) => void;
}

/**
 * The news not sent yet. Each item told gets a ticket: its number among all items ever told.
 * A ticket at or past `base` (the number told before this batch) is in this batch still, at
 * `ticket - base`: one number a call keeps, not a batch number and an index.
 */
export class NewsBatch {
  /** This batch; a hole (undefined) is an item taken back. */
  private items: (CaptureNews | undefined)[] = [];
  private holes = 0;
  /** How many items (holes too) the batches before this one had. */
  private base = 0;

  constructor(private readonly options: NewsBatchOptions) {}

  /** Adds news to the batch; returns its ticket (for `takeBack`). */
  tell(item: CaptureNews): number {
    if (this.items.length === 0) this.options.later(this.send);
    return this.base + this.items.push(item) - 1;
  }

  /** Takes back the item with this ticket if its batch is not sent yet; says whether it did. */
  takeBack(ticket: number): boolean {
    const at = ticket - this.base;
    if (at < 0 || this.items[at] === undefined) return false;
    this.items[at] = undefined;
    this.holes++;
    return true;
  }

  /**
   * Tells of a call's end, given the ticket of its 'started'. When only ends are reported and that
   * 'started' is unsent, it is taken back: the event loop would hear of the call and its end in one
   * message, so it need not hear of its start at all (a unary call ends within the wait of a batch:
   * most calls' news is then halved). It is told at all so that, should the thread die, the event
   * loop ends the calls it knows of. When starts are reported it is never taken back, or a short
   * call would never appear in the Capture panel.
   */
  ended(startedTicket: number | undefined, item: CaptureNews): void {
    if (!this.options.startsReported && startedTicket !== undefined) this.takeBack(startedTicket);
    this.tell(item);
  }

  /** Sends this batch without its holes (nothing if all were taken back) and starts the next. */
  readonly send = (): void => {
    const batch: CaptureNews[] =
      this.holes === 0
        ? (this.items as CaptureNews[])
        : this.items.filter((item) => item !== undefined);
    this.base += this.items.length;
    this.items = [];
    this.holes = 0;
    if (batch.length > 0) this.options.post(batch);
  };
}
