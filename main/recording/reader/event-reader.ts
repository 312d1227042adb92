import {
  parseRecordingEvent,
  parseRecordingHeader,
  type RecordingEvent,
  type RecordingHeader,
} from '../../../shared/recording/index.js';
import { RecordingError } from '../recording-error.js';
import { lineBatches, type Line } from './line-batches.js';
import { jsonErrorReason } from '../../platform/file-excerpt.js';
import { FileReadError } from '../../platform/safe-read.js';
import {
  HEADER_START,
  resolveRecording,
  sourceAddress,
  type RecordingSource,
} from './recording-address.js';

export interface ReadOptions {
  /** Start at this byte offset (from an index entry) instead of after the header. */
  start?: number;
  firstLine?: number;
  /** Lines for which this is true are skipped unparsed (a cheap prefilter, e.g. by direction). */
  skipText?: (text: string) => boolean;
}

/** An event as read, with where it sits in the file. */
export interface ReadEvent {
  event: RecordingEvent;
  line: number;
  offset: number;
}

export interface EventBatch {
  events: ReadEvent[];
  /**
   * Set on the last batch when the file ends in a cut line (the writer was killed mid-line): that
   * line is dropped, everything before it is good.
   */
  truncatedAt?: number;
}

function parseJson(text: string, file: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = jsonErrorReason((error as Error).message, file);
    throw new RecordingError(`not valid JSON (${reason})`, file, line);
  }
}

/** Parses and checks an event line; throws RecordingError with file and line. */
export function parseEventLine(l: Line, file: string): RecordingEvent {
  if (l.text.startsWith(HEADER_START))
    throw new RecordingError(
      'a second recording starts here: the file holds several recordings, name one as FILE#N (N from 1)',
      file,
      l.line,
    );
  const value = parseJson(l.text, file, l.line);
  // A header whose line does not start byte for byte as ours do (a space, another key order: an
  // edit, another tool) is not found as the start of a recording, so the recordings of a file of
  // several after it answer to the wrong numbers: say so rather than read it as a bad event.
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, 'format'))
    throw new RecordingError(
      `a recording header not written byte for byte as gwb writes it (a header line starts ${HEADER_START}): a file of several recordings is told apart by such lines, so the numbers #N of the recordings after this one are wrong`,
      file,
      l.line,
    );
  const parsed = parseRecordingEvent(value);
  if (!parsed.ok) throw new RecordingError(`not a recording event: ${parsed.error}`, file, l.line);
  return parsed.event;
}

/**
 * The seqs of a recording's events, read in order: each recorder (a call's session, the capture
 * thread's call record, replay) numbers a recording's events from 0, one up for each, so in a
 * recording (a file, or one `FILE#N` of a file of several) seqs only go up. A gap is fine (events
 * dropped as they came). A seq that repeats or goes back means the bytes read are not one recording
 * as written: read while its recorder, in another process, was still moving its events up as it
 * finished it (replace-header.ts moves them in chunks, last first, and a read across a chunk moved
 * and one not yet moved sees some lines twice), or a file edited by hand.
 */
export class SeqOrder {
  private last = -1;

  follows(seq: number, file: string, line: number): void {
    if (seq <= this.last)
      throw new RecordingError(
        `the event's seq ${seq} does not follow seq ${this.last} of the event before it (a recording's seqs only go up): the recording changed as it was read (its recorder finishing it, or \`cp\` over it): open it again; or it was edited so`,
        file,
        line,
      );
    this.last = seq;
  }
}

/** Parses and checks a header line; `line` is its line in the file (FILE#N: not 1). */
export function parseHeaderLine(text: string, file: string, line = 1): RecordingHeader {
  if (text.trim() === '')
    throw new RecordingError('empty file: a recording starts with a header line', file, line);
  const parsed = parseRecordingHeader(parseJson(text, file, line));
  if (!parsed.ok)
    throw new RecordingError(`not a gwb recording header: ${parsed.error}`, file, line);
  return parsed.header;
}

/**
 * The events of a recording in batches (never the whole file). A corrupt line throws a
 * RecordingError naming file and line; a cut last line (crash) ends the stream with truncatedAt.
 * Reading from the start skips the header line (see readHeader).
 */
export async function* eventBatches(
  source: RecordingSource,
  opts: ReadOptions = {},
): AsyncGenerator<EventBatch> {
  const span = resolveRecording(source);
  const file = span.address;
  // The header line (its offset) is skipped when reading from it.
  const header = span.start;
  const fromStart = opts.start === undefined || opts.start === header;
  const seqs = new SeqOrder();
  for await (const batch of lineBatches(span, {
    ...(opts.start !== undefined ? { start: opts.start } : {}),
    ...(opts.firstLine !== undefined ? { firstLine: opts.firstLine } : {}),
  })) {
    const events: ReadEvent[] = [];
    let truncatedAt: number | undefined;
    for (const l of batch.lines) {
      if (fromStart && l.offset === header) continue;
      if (l.text === '' || opts.skipText?.(l.text)) continue;
      let event: RecordingEvent;
      try {
        event = parseEventLine(l, file);
      } catch (error) {
        // Only the unterminated last line may be cut; anywhere else a bad line is corruption.
        if (!batch.unterminated) throw error;
        truncatedAt = l.line;
        continue;
      }
      seqs.follows(event.seq, file, l.line);
      events.push({ event, line: l.line, offset: l.offset });
    }
    yield truncatedAt === undefined ? { events } : { events, truncatedAt };
  }
}

/** The header line of a recording, read without reading the rest. */
export async function readHeader(source: RecordingSource): Promise<RecordingHeader> {
  const file = sourceAddress(source);
  let first: string | undefined;
  let line = 1;
  try {
    for await (const batch of lineBatches(source)) {
      first = batch.lines[0]?.text;
      line = batch.lines[0]?.line ?? line;
      break;
    }
  } catch (error) {
    if (error instanceof RecordingError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecordingError(
      code === 'ENOENT'
        ? 'no such file'
        : `cannot read: ${error instanceof FileReadError ? error.reason : (error as Error).message}`,
      file,
    );
  }
  return parseHeaderLine(first ?? '', file, line);
}

/** Pulls one event at a time from eventBatches; lets two recordings be walked side by side. */
export class EventCursor {
  private batch: ReadEvent[] = [];
  private index = 0;
  private done = false;
  private readonly source: AsyncGenerator<EventBatch>;
  truncatedAt: number | undefined;

  constructor(
    recording: RecordingSource,
    private readonly filter: (event: RecordingEvent) => boolean = () => true,
    opts: ReadOptions = {},
  ) {
    this.source = eventBatches(recording, opts);
  }

  async next(): Promise<ReadEvent | undefined> {
    for (;;) {
      while (this.index < this.batch.length) {
        const item = this.batch[this.index++] as ReadEvent;
        if (this.filter(item.event)) return item;
      }
      if (this.done) return undefined;
      const step = await this.source.next();
      if (step.done) {
        this.done = true;
        return undefined;
      }
      this.batch = step.value.events;
      this.index = 0;
      if (step.value.truncatedAt !== undefined) this.truncatedAt = step.value.truncatedAt;
    }
  }

  async close(): Promise<void> {
    await this.source.return(undefined);
  }
}
