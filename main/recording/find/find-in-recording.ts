// Find in a whole recording, streamed: every line is read once through the reader (lineBatches),
// never the file at once, and only lines whose text can hold the query are parsed.
import type { RecordingDirection } from '../../../shared/recording/index.js';
import { lineBatches, type LineBatch } from '../reader/line-batches.js';
import { resolveRecording, type RecordingSource } from '../reader/recording-address.js';
import { parseEventLine } from '../reader/event-reader.js';
import { RecordingError } from '../recording-error.js';
import { matchEvent, textTest } from './match-fields.js';

export interface FindOptions {
  query: string;
  /** Default false: `Error` finds `error` and `ERROR`. */
  caseSensitive?: boolean;
  /** Hits to pass over before the ones returned (all are counted). Default 0. */
  skip?: number;
  /** Hits returned at most. Default 1000. */
  limit?: number;
  /** Paths kept per hit at most. Default 8. */
  maxPaths?: number;
  /** Stops the search; the result then says `cancelled` and counts only what was read. */
  signal?: AbortSignal;
  /** Where the lines come from (the reader's lineBatches; a test watches what it reads). */
  lines?: (recording: RecordingSource) => AsyncIterable<LineBatch>;
}

export interface FindHit {
  /** The event's sequence number: its index in the recording. */
  seq: number;
  dir: RecordingDirection;
  type: string;
  /** 1-based number of the message among its direction's (sent or received) messages. */
  message?: number;
  /** Where the text occurs (first few), e.g. `items[2].name`, `headers.x-trace`, `status.message`. */
  paths: string[];
  /** 1-based line in the file. */
  line: number;
}

export interface FindResult {
  /** Events in which the query occurs, in the whole recording. */
  total: number;
  /** Hits `skip` to `skip + limit`, in order. */
  hits: FindHit[];
  /** Event lines read. */
  events: number;
  cancelled: boolean;
}

/** `{"dir":"server","type":"received",…`: the key order our writer uses (serialize-event.ts). */
const HEAD = /^\{"dir":"(?:client|server|local)","type":"([a-z_]+)"/;

/**
 * The query as it appears inside a JSON line: quotes, backslashes and control characters escaped.
 * A line that does not hold it cannot match, so it is not parsed.
 */
function lineNeedle(query: string, caseSensitive: boolean): (line: string) => boolean {
  const escaped = JSON.stringify(query).slice(1, -1);
  const needle = caseSensitive ? escaped : escaped.toLowerCase();
  // Another writer may have escaped non-ASCII text as \uXXXX: such lines are always parsed.
  const nonAscii = /[^\x20-\x7e]/.test(query);
  return (line) =>
    (caseSensitive ? line : line.toLowerCase()).includes(needle) ||
    (nonAscii && line.includes('\\u'));
}

/**
 * Searches every event of a recording for `query` (message JSON keys and values, metadata keys and
 * values, status code, message and details) and returns the count and a page of hits. Memory holds
 * one read of the file and the page, whatever the file's length.
 */
export async function findInRecording(
  recording: RecordingSource,
  opts: FindOptions,
): Promise<FindResult> {
  const caseSensitive = opts.caseSensitive ?? false;
  const skip = opts.skip ?? 0;
  const limit = opts.limit ?? 1000;
  const maxPaths = opts.maxPaths ?? 8;
  const test = textTest(opts.query, caseSensitive);
  const mayHold = lineNeedle(opts.query, caseSensitive);
  const result: FindResult = { total: 0, hits: [], events: 0, cancelled: false };
  const numbers = { sent: 0, received: 0 };
  const source = opts.lines ?? lineBatches;
  const span = resolveRecording(recording);
  const file = span.address;
  const headerLine = span.firstLine;
  for await (const batch of source(span)) {
    if (opts.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    for (const l of batch.lines) {
      if (l.line === headerLine || l.text === '') continue; // the header
      const head = HEAD.exec(l.text);
      const holds = mayHold(l.text);
      // Message numbers need every line's type: our writer's lines say it up front, others parse.
      if (head && !holds) {
        result.events++;
        if (head[1] === 'sent' || head[1] === 'received') numbers[head[1]]++;
        continue;
      }
      let event;
      try {
        event = parseEventLine(l, file);
      } catch (error) {
        // A line cut by a crash at the end is dropped, as the reader does.
        if (batch.unterminated && error instanceof RecordingError) break;
        throw error;
      }
      result.events++;
      const message =
        event.type === 'sent' || event.type === 'received' ? ++numbers[event.type] : undefined;
      if (!holds) continue;
      const paths = matchEvent(event, test, maxPaths);
      if (paths.length === 0) continue;
      result.total++;
      if (result.total > skip && result.hits.length < limit)
        result.hits.push({
          seq: event.seq,
          dir: event.dir,
          type: event.type,
          ...(message !== undefined ? { message } : {}),
          paths,
          line: l.line,
        });
    }
  }
  return result;
}
