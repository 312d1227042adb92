// The event log of one call, kept compact for big streams: events in pages of 1,024 by seq, counts
// by type, and an index of the rows that pass the current filter, grown incrementally as batches
// arrive. With a source (the engine's `call.events`), at most `maxPages` pages stay in memory: the
// least recently used are let go and fetched again when a row or a filter scan needs them, so an
// endless stream does not grow the page (issue 11, point 4).
import type {
  CallEvent,
  CallEventType,
  CallStatus,
  MetadataEntry,
} from '../../shared/calls/events.js';
import { eventMatches, type TimelineFilter, ALL_DIRECTIONS } from './filter.js';
import { gapRow, type GapRow, type LogGap, type TimelineRow } from './gap.js';

export type EventCounts = Record<CallEventType, number>;

/** Reads `limit` events from `sinceSeq` on (the engine's `call.events`). */
export type FetchEvents = (sinceSeq: number, limit: number) => Promise<readonly CallEvent[]>;

const PAGE_BITS = 10;
export const PAGE_SIZE = 1 << PAGE_BITS;
/** ~256k events in memory by default; the rest come back from the engine when scrolled to. */
export const DEFAULT_MAX_PAGES = 256;

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
  /** Pages by number (seq >> PAGE_BITS), least recently used first. */
  private readonly pages = new Map<number, CallEvent[]>();
  private count = 0;
  private fetch: FetchEvents | undefined;
  private onLoaded: (() => void) | undefined;
  private readonly loading = new Set<number>();
  /** Pages the source could not give back (the call was forgotten): shown as missing, not retried. */
  private readonly lost = new Set<number>();
  /** The `started` event, whatever page it is in (what the call is). */
  started: CallEvent | null = null;
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
  /** The first seq the log holds (0 but for a window of a recording, see startAt). */
  private first = 0;
  /** Events [first, scanned) have been checked against the current filter. */
  private scanned = 0;
  /** The seqs of sent and of received messages, in order: a message's number in its direction. */
  private readonly messageSeqs = { sent: new SeqList(), received: new SeqList() };
  /** Where events are missing (a reopened history entry), by `at`. */
  private gaps: GapRow[] = [];
  /** The filtered rows the gaps indexed so far show at (a gap always shows, whatever the filter). */
  private gapRows: number[] = [];
  /** The `at` of the next gap the scan will reach. */
  private nextGapAt = Infinity;

  constructor(private readonly maxPages = DEFAULT_MAX_PAGES) {}

  /**
   * Where pages let go of come back from (a call's `call.events`, a recording's `recording.read`).
   * Without one, every page stays; `onLoaded` is told when a page came back, to redraw.
   */
  setSource(fetch: FetchEvents, onLoaded: () => void): void {
    this.fetch = fetch;
    this.onLoaded = onLoaded;
  }

  get hasSource(): boolean {
    return this.fetch !== undefined;
  }

  /** How many events the call has had (the next seq). */
  get length(): number {
    return this.count;
  }

  /**
   * The events in memory now, in seq order (a copy, built on each read: not for hot paths). A log
   * without a source holds all of them.
   */
  get events(): CallEvent[] {
    return [...this.pages.keys()].sort((a, b) => a - b).flatMap((n) => this.pages.get(n)!);
  }

  /** Pages in memory now. */
  get pagesInMemory(): number {
    return this.pages.size;
  }

  /** The event with this seq, or undefined while its page is being fetched back. */
  eventAt(seq: number): CallEvent | undefined {
    if (seq < 0 || seq >= this.count) return undefined;
    const page = this.page(seq >> PAGE_BITS);
    return page?.[seq & (PAGE_SIZE - 1)];
  }

  /** A page, marked as used; asks the source for it when it is not in memory. */
  private page(n: number): CallEvent[] | undefined {
    const page = this.pages.get(n);
    if (page) {
      this.pages.delete(n);
      this.pages.set(n, page);
      return page;
    }
    this.load(n);
    return undefined;
  }

  private load(n: number): void {
    const fetch = this.fetch;
    if (!fetch || this.loading.has(n) || this.lost.has(n)) return;
    this.loading.add(n);
    const first = n << PAGE_BITS;
    fetch(first, Math.min(PAGE_SIZE, this.count - first))
      .then((events) => {
        if (events[0]?.seq !== first) throw new Error('not the page asked for');
        if (!this.pages.has(n)) this.pages.set(n, [...events]);
        this.evict();
        this.version++;
        this.onLoaded?.();
      })
      .catch(() => this.lost.add(n))
      .finally(() => this.loading.delete(n));
  }

  /** Lets go of the least recently used pages beyond maxPages, never the one being appended to. */
  private evict(): void {
    if (!this.fetch) return;
    const tail = (this.count - 1) >> PAGE_BITS;
    for (const n of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) return;
      if (n !== tail) this.pages.delete(n);
    }
  }

  /**
   * Makes an empty log start at `firstSeq`: a window of a recording read from the middle. `before`
   * is how many messages each direction had before it, so message numbers stay the recording's.
   */
  startAt(firstSeq: number, before: { sent: number; received: number }): void {
    if (this.count !== 0) throw new Error('startAt: the log already has events');
    this.count = this.scanned = this.first = firstSeq;
    this.messageSeqs.sent.offset = before.sent;
    this.messageSeqs.received.offset = before.received;
  }

  /** The filtered row that shows the event with this seq, or undefined when the filter hides it. */
  rowOf(seq: number): number | undefined {
    let lo = 0;
    let hi = this.indexLength - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.index[mid] as number;
      if (at === seq) return mid + this.gapRowsBefore(seq);
      if (at < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /**
   * Says where events are missing (a reopened history entry: the first and last events kept). Each
   * gap becomes a row of its own, and the messages in it count in the numbers of those after it.
   */
  setGaps(gaps: readonly LogGap[]): void {
    this.gaps = [...gaps].sort((a, b) => a.at - b.at).map(gapRow);
    this.setFilter(this.filter);
  }

  /** How many events are missing from the log (0 but for a reopened history entry). */
  get missingEvents(): number {
    return this.gaps.reduce((n, g) => n + g.events, 0);
  }

  /** The call's messages in one direction, those in the gaps included. */
  messageCount(direction: 'sent' | 'received'): number {
    return this.gaps.reduce((n, g) => n + (g[direction] ?? 0), this.counts[direction]);
  }

  /** Indexes the gaps the scan has reached (those before the event with this seq). */
  private indexGapsUpTo(seq: number): void {
    while (this.gapRows.length < this.gaps.length) {
      const gap = this.gaps[this.gapRows.length] as GapRow;
      if (gap.at > seq) break;
      this.gapRows.push(this.indexLength + this.gapRows.length);
    }
    this.nextGapAt = this.gaps[this.gapRows.length]?.at ?? Infinity;
  }

  /** Gap rows above the row of the event with this seq. */
  private gapRowsBefore(seq: number): number {
    let n = 0;
    while (n < this.gapRows.length && (this.gaps[n] as GapRow).at <= seq) n++;
    return n;
  }

  /** Appends events in order; events already seen (by seq) are ignored, so a replay after a reconnect is harmless. */
  append(batch: readonly CallEvent[]): number {
    let added = 0;
    for (const e of batch) {
      if (e.seq < this.count) continue;
      const n = e.seq >> PAGE_BITS;
      let page = this.pages.get(n);
      if (!page) {
        this.pages.set(n, (page = []));
        this.evict();
      }
      // By position, not push: a log started mid-page (startAt) has no events before it.
      page[e.seq & (PAGE_SIZE - 1)] = e;
      this.count++;
      this.counts[e.type]++;
      added++;
      switch (e.type) {
        case 'started':
          this.started = e;
          break;
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
          this.messageSeqs.sent.push(e.seq);
          break;
        case 'received':
          this.bytesReceived += e.size;
          this.messageSeqs.received.push(e.seq);
          break;
      }
      // While a new filter is still being applied in slices, the scan reaches new events itself.
      if (this.scanned === this.count - 1) {
        if (e.seq >= this.nextGapAt) this.indexGapsUpTo(e.seq);
        this.scanned++;
        if (eventMatches(e, this.filter)) this.pushIndex(e.seq);
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
    this.gapRows = [];
    this.nextGapAt = this.gaps[0]?.at ?? Infinity;
    this.scanned = this.first;
    return this.continueScan(budgetMs);
  }

  /** Scans more events against the filter; true when every event has been checked. */
  continueScan(budgetMs = Infinity): boolean {
    const until = performance.now() + budgetMs;
    const n = this.count;
    while (this.scanned < n) {
      const number = this.scanned >> PAGE_BITS;
      const end = Math.min(n, (number + 1) << PAGE_BITS);
      const page = this.page(number);
      if (page) {
        for (let i = this.scanned; i < end; i++) {
          if (i >= this.nextGapAt) this.indexGapsUpTo(i);
          if (eventMatches(page[i & (PAGE_SIZE - 1)] as CallEvent, this.filter)) this.pushIndex(i);
        }
      } else if (!this.lost.has(number)) {
        // Being fetched back: the next step goes on from here.
        break;
      } else if (end - 1 >= this.nextGapAt) this.indexGapsUpTo(end - 1);
      this.scanned = end;
      if (performance.now() >= until) break;
    }
    this.version++;
    return this.scanned === this.count;
  }

  /** False while a filter is still being applied in slices. */
  get filterComplete(): boolean {
    return this.scanned === this.count;
  }

  getFilter(): TimelineFilter {
    return this.filter;
  }

  /** Number of rows that pass the filter (and the gaps, which always show). */
  get rowCount(): number {
    return this.indexLength + this.gapRows.length;
  }

  /** What a filtered row shows: an event, or a gap (undefined while its page is fetched back). */
  row(i: number): TimelineRow | undefined {
    if (i < 0 || i >= this.rowCount) return undefined;
    let above = 0;
    for (const at of this.gapRows) {
      if (at === i) return this.gaps[above];
      if (at > i) break;
      above++;
    }
    return this.eventAt(this.index[i - above] as number);
  }

  /**
   * The number (1-based) of the sent or received message with this seq among the messages of its
   * direction: the 2nd message received, not event #7. Known for every message appended, even one
   * whose page was let go of.
   */
  messageNumber(seq: number, direction: 'sent' | 'received'): number | undefined {
    let n = this.messageSeqs[direction].positionOf(seq);
    // The messages missing before it count too; when a gap's are not known, neither is its number.
    for (const gap of this.gaps) {
      if (n === undefined || gap.at > seq) break;
      const missing = gap[direction];
      n = missing === undefined ? undefined : n + missing;
    }
    return n;
  }

  /** The last received event still in memory (a unary call's response). */
  lastReceived(): CallEvent | undefined {
    for (let i = this.count - 1; i >= 0; i--) {
      const e = this.pages.get(i >> PAGE_BITS)?.[i & (PAGE_SIZE - 1)];
      if (!e) return undefined;
      if (e.type === 'received') return e;
    }
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

/** A growing, sorted list of seqs, searched by halves. */
class SeqList {
  private seqs = new Int32Array(64);
  private size = 0;
  /** Messages before the first one listed (a log that starts mid-recording). */
  offset = 0;

  push(seq: number): void {
    if (this.size === this.seqs.length) {
      const grown = new Int32Array(this.seqs.length * 2);
      grown.set(this.seqs);
      this.seqs = grown;
    }
    this.seqs[this.size++] = seq;
  }

  /** 1-based position of `seq`, or undefined when it is not in the list. */
  positionOf(seq: number): number | undefined {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.seqs[mid] as number;
      if (at === seq) return this.offset + mid + 1;
      if (at < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}
