// The event log of one call, kept compact for big streams: an append-only array, counts by type,
// and an index of the rows that pass the current filter, grown incrementally as batches arrive.
import type {
  CallEvent,
  CallEventType,
  CallStatus,
  MetadataEntry,
} from '../../shared/calls/events.js';
import { eventMatches, type TimelineFilter, ALL_DIRECTIONS } from './filter.js';

export type EventCounts = Record<CallEventType, number>;

const zeroCounts = (): EventCounts => ({
  started: 0,
  headers: 0,
  sent: 0,
  half_closed: 0,
  received: 0,
  trailers: 0,
  status: 0,
  ended: 0,
});

export class CallLog {
  readonly events: CallEvent[] = [];
  readonly counts: EventCounts = zeroCounts();
  headers: MetadataEntry[] | null = null;
  trailers: MetadataEntry[] | null = null;
  status: CallStatus | null = null;
  durationMs: number | null = null;
  bytesSent = 0;
  bytesReceived = 0;
  /** Bumped on every change, so views can tell a log changed without comparing arrays. */
  version = 0;
  private filter: TimelineFilter = { directions: ALL_DIRECTIONS, text: '' };
  private index = new Int32Array(1024);
  private indexLength = 0;
  /** Events [0, scanned) have been checked against the current filter. */
  private scanned = 0;

  /** Appends events in order; events already seen (by seq) are ignored, so a replay after a reconnect is harmless. */
  append(batch: readonly CallEvent[]): number {
    let added = 0;
    for (const e of batch) {
      if (e.seq < this.events.length) continue;
      this.events.push(e);
      this.counts[e.type]++;
      added++;
      switch (e.type) {
        case 'headers':
          this.headers = e.metadata;
          break;
        case 'trailers':
          this.trailers = e.metadata;
          break;
        case 'status':
          this.status = e.status;
          break;
        case 'ended':
          this.durationMs = e.durationMs;
          break;
        case 'sent':
          this.bytesSent += e.size;
          break;
        case 'received':
          this.bytesReceived += e.size;
          break;
      }
      // While a new filter is still being applied in slices, the scan reaches new events itself.
      if (this.scanned === this.events.length - 1) {
        this.scanned++;
        if (eventMatches(e, this.filter)) this.pushIndex(this.events.length - 1);
      }
    }
    if (added) this.version++;
    return added;
  }

  get done(): boolean {
    return this.counts.ended > 0 || this.counts.status > 0;
  }

  /**
   * Applies a new filter. With a time budget the scan stops when the budget is spent, so a text
   * filter over a million events never blocks a frame: call `continueScan` until it returns true.
   */
  setFilter(filter: TimelineFilter, budgetMs = Infinity): boolean {
    this.filter = filter;
    this.indexLength = 0;
    this.scanned = 0;
    return this.continueScan(budgetMs);
  }

  /** Scans more events against the filter; true when every event has been checked. */
  continueScan(budgetMs = Infinity): boolean {
    const until = performance.now() + budgetMs;
    const n = this.events.length;
    while (this.scanned < n) {
      const end = Math.min(n, this.scanned + 2048);
      for (let i = this.scanned; i < end; i++)
        if (eventMatches(this.events[i] as CallEvent, this.filter)) this.pushIndex(i);
      this.scanned = end;
      if (performance.now() >= until) break;
    }
    this.version++;
    return this.scanned === this.events.length;
  }

  /** False while a filter is still being applied in slices. */
  get filterComplete(): boolean {
    return this.scanned === this.events.length;
  }

  getFilter(): TimelineFilter {
    return this.filter;
  }

  /** Number of rows that pass the filter. */
  get rowCount(): number {
    return this.indexLength;
  }

  /** The event shown at a filtered row. */
  row(i: number): CallEvent | undefined {
    if (i < 0 || i >= this.indexLength) return undefined;
    return this.events[this.index[i] as number];
  }

  lastReceived(): CallEvent | undefined {
    for (let i = this.events.length - 1; i >= 0; i--)
      if (this.events[i]?.type === 'received') return this.events[i];
    return undefined;
  }

  private pushIndex(i: number): void {
    if (this.indexLength === this.index.length) {
      const grown = new Int32Array(this.index.length * 2);
      grown.set(this.index);
      this.index = grown;
    }
    this.index[this.indexLength++] = i;
  }
}
