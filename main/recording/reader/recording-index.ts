import type { CallStatus } from '../../../shared/calls/events.js';
import type { RecordingEvent, RecordingHeader } from '../../../shared/recording/index.js';
import {
  EventCursor,
  parseEventLine,
  parseHeaderLine,
  readHeader,
  SeqOrder,
} from './event-reader.js';
import { lineBatches } from './line-batches.js';
import {
  recordingAddress,
  resolveRecording,
  spanOf,
  untoldRecording,
  type RecordingSource,
  type RecordingStarts,
} from './recording-address.js';

export interface RecordingIndexEntry {
  seq: number;
  t: number;
  /** Byte offset of the event's line. */
  offset: number;
  line: number;
  /** Client and server messages before this event (a window's message numbers start from them). */
  sent: number;
  received: number;
}

/** What a viewer needs to page through a big recording without loading it. */
export interface RecordingIndex {
  file: string;
  header: RecordingHeader;
  /** Event lines in the file. */
  count: number;
  sent: number;
  received: number;
  /** Time of the last event, ms from the start. */
  durationMs: number;
  /** One entry every `every` events (the first event always has one). */
  every: number;
  entries: RecordingIndexEntry[];
  /** The call's final status, when the recording got that far. */
  status?: CallStatus;
  /** False when the recording stops before the call ended (crash, still being written). */
  complete: boolean;
  /** Line number of a cut last line that was dropped. */
  truncatedAt?: number;
}

export const DEFAULT_INDEX_EVERY = 1000;

/** Adds a recording's events to its index one at a time (one recording, or each of a file). */
class IndexBuilder {
  readonly index: RecordingIndex;

  constructor(file: string, header: RecordingHeader, every: number) {
    this.index = {
      file,
      header,
      count: 0,
      sent: 0,
      received: 0,
      durationMs: 0,
      every,
      entries: [],
      complete: false,
    };
  }

  add(event: RecordingEvent, line: number, offset: number): void {
    const index = this.index;
    if (index.count % index.every === 0)
      index.entries.push({
        seq: event.seq,
        t: event.t,
        offset,
        line,
        sent: index.sent,
        received: index.received,
      });
    index.count++;
    index.durationMs = event.t;
    if (event.type === 'sent') index.sent++;
    else if (event.type === 'received') index.received++;
    else if (event.type === 'status') index.status = event.status;
    else if (event.type === 'ended') index.complete = true;
  }
}

/** One streaming pass over the recording; memory is one entry per `every` events. */
export async function buildRecordingIndex(
  source: RecordingSource,
  every = DEFAULT_INDEX_EVERY,
): Promise<RecordingIndex> {
  // Resolved once: the header and the events are read from the same bytes.
  const span = resolveRecording(source);
  const builder = new IndexBuilder(span.address, await readHeader(span), every);
  const cursor = new EventCursor(span);
  for (let item = await cursor.next(); item; item = await cursor.next())
    builder.add(item.event, item.line, item.offset);
  if (cursor.truncatedAt !== undefined) builder.index.truncatedAt = cursor.truncatedAt;
  return builder.index;
}

/** The index of recording `n` of a file of several, or why it cannot be read. */
export type PackedIndex = { n: number; index: RecordingIndex } | { n: number; error: Error };

/**
 * The indexes of the recordings of a file of several from #`from` to its last (as `starts` found
 * them), in one pass over those bytes: what buildRecordingIndex gives each `FILE#N`, without a
 * read, a header check and a stat per recording. A corrupt recording gives its error; the others
 * are indexed as usual. Memory is one read and one entry per `every` events of each recording.
 */
export async function buildPackedIndexes(
  path: string,
  starts: RecordingStarts,
  from = 1,
  every = DEFAULT_INDEX_EVERY,
): Promise<PackedIndex[]> {
  const out: PackedIndex[] = [];
  const count = starts.offsets.length;
  if (from > count) return out;
  const span = spanOf(recordingAddress(path, from), path, starts, {
    start: starts.offsets[from - 1] as number,
    end: starts.size,
    firstLine: starts.lines[from - 1] as number,
  });
  let n = from - 1;
  let address = '';
  let builder: IndexBuilder | undefined;
  let seqs = new SeqOrder();
  let failed: Error | undefined;
  let nextStart = span.start;
  const finish = (): void => {
    if (n < from) return;
    out.push(failed ? { n, error: failed } : { n, index: (builder as IndexBuilder).index });
  };
  for await (const batch of lineBatches(span)) {
    const last = batch.lines.length - 1;
    for (const [i, l] of batch.lines.entries()) {
      if (l.offset === nextStart) {
        finish();
        n++;
        address = recordingAddress(path, n);
        nextStart = n < count ? (starts.offsets[n] as number) : Infinity;
        builder = undefined;
        seqs = new SeqOrder();
        // As packedRecordingSpan refuses it: after a header written another way, #N is not the
        // recording written as #N.
        failed = untoldRecording(starts, path, n);
        if (failed) continue;
        try {
          builder = new IndexBuilder(address, parseHeaderLine(l.text, address, l.line), every);
        } catch (error) {
          failed = error as Error;
        }
        continue;
      }
      if (failed || !builder || l.text === '') continue;
      let event: RecordingEvent;
      try {
        event = parseEventLine(l, address);
      } catch (error) {
        // Only the file's unterminated last line may be cut (kill -9): as eventBatches does.
        if (batch.unterminated && i === last) builder.index.truncatedAt = l.line;
        else failed = error as Error;
        continue;
      }
      try {
        seqs.follows(event.seq, address, l.line);
      } catch (error) {
        failed = error as Error;
        continue;
      }
      builder.add(event, l.line, l.offset);
    }
  }
  finish();
  return out;
}

export interface PageRequest {
  /** First event at or after this time (ms from the start)… */
  t?: number;
  /** …or the event with this sequence number and the ones after it. */
  seq?: number;
  limit: number;
}

/** A page of events, starting from the nearest index entry: reads at most `every + limit` lines. */
export async function readEventsAt(
  index: RecordingIndex,
  page: PageRequest,
): Promise<RecordingEvent[]> {
  return (await readWindowAt(index, page)).events;
}

export interface RecordingWindow {
  events: RecordingEvent[];
  /** Client and server messages before the first event of the window. */
  before: { sent: number; received: number };
}

/** readEventsAt, also counting the messages before the window (so their numbers are the recording's). */
export async function readWindowAt(
  index: RecordingIndex,
  page: PageRequest,
): Promise<RecordingWindow> {
  const key = (e: { t: number; seq: number }): number => (page.seq !== undefined ? e.seq : e.t);
  const target = page.seq ?? page.t ?? 0;
  let entry: RecordingIndexEntry | undefined;
  for (const candidate of index.entries) {
    if (key(candidate) > target) break;
    entry = candidate;
  }
  const cursor = new EventCursor(
    index.file,
    () => true,
    entry ? { start: entry.offset, firstLine: entry.line } : {},
  );
  const out: RecordingEvent[] = [];
  const before = { sent: entry?.sent ?? 0, received: entry?.received ?? 0 };
  try {
    for (
      let item = await cursor.next();
      item && out.length < page.limit;
      item = await cursor.next()
    ) {
      const { event } = item;
      if (key(event) >= target) out.push(event);
      else if (event.type === 'sent' || event.type === 'received') before[event.type]++;
    }
  } finally {
    await cursor.close();
  }
  return { events: out, before };
}
