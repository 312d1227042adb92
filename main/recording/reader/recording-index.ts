import type { CallStatus } from '../../../shared/calls/events.js';
import type { RecordingEvent, RecordingHeader } from '../../../shared/recording/index.js';
import { EventCursor, readHeader } from './event-reader.js';
import { resolveRecording, type RecordingSource } from './recording-address.js';

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

/** One streaming pass over the recording; memory is one entry per `every` events. */
export async function buildRecordingIndex(
  source: RecordingSource,
  every = DEFAULT_INDEX_EVERY,
): Promise<RecordingIndex> {
  // Resolved once: the header and the events are read from the same bytes.
  const span = resolveRecording(source);
  const header = await readHeader(span);
  const cursor = new EventCursor(span);
  const index: RecordingIndex = {
    file: span.address,
    header,
    count: 0,
    sent: 0,
    received: 0,
    durationMs: 0,
    every,
    entries: [],
    complete: false,
  };
  for (let item = await cursor.next(); item; item = await cursor.next()) {
    const { event } = item;
    if (index.count % every === 0)
      index.entries.push({
        seq: event.seq,
        t: event.t,
        offset: item.offset,
        line: item.line,
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
  if (cursor.truncatedAt !== undefined) index.truncatedAt = cursor.truncatedAt;
  return index;
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
