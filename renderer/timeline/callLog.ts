// The event log of one call, kept compact for big streams: an append-only array, counts by type,
// and an index of the rows that pass the current filter, grown incrementally as batches arrive.
import type { CallEvent, CallEventType, CallStatus, MetadataEntry } from '../../shared/calls/events.js';
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
      if (eventMatches(e, this.filter)) this.pushIndex(this.events.length - 1);
    }
    if (added) this.version++;
    return added;
  }

  get done(): boolean {
    return this.counts.ended > 0 || this.counts.status > 0;
  }

  setFilter(filter: TimelineFilter): void {
    this.filter = filter;
    this.indexLength = 0;
    for (let i = 0; i < this.events.length; i++) if (eventMatches(this.events[i] as CallEvent, filter)) this.pushIndex(i);
    this.version++;
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
    for (let i = this.events.length - 1; i >= 0; i--) if (this.events[i]?.type === 'received') return this.events[i];
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
