import { closeSync, copyFileSync, openSync, statSync, writeSync } from 'node:fs';
import { resolveRecording, sameFile, type RecordingSource } from './recording-address.js';
import { lineChunks } from './line-chunks.js';
import {
  parseRecordingEvent,
  parseRecordingHeader,
  type RecordingEvent,
  type RecordingHeader,
} from '../../../shared/recording/index.js';
import { RecordingError } from '../recording-error.js';
import { EventCursor, readHeader } from './event-reader.js';
import { lineBatches } from './line-batches.js';
import { jsonErrorReason } from '../../platform/file-excerpt.js';
import { FILE_LIMITS, readFileText } from '../../platform/safe-read.js';

export type ExportFormat = 'ndjson' | 'json';

/**
 * Copies the recording at `source` to `dest` as it is: a whole file, or one recording of
 * a file of several, streamed a read at a time.
 */
export async function copyRecording(source: RecordingSource, dest: string): Promise<void> {
  const span = resolveRecording(source);
  if (span.end === undefined) {
    // Copied by the system, not read here: checked just before (a replacement after that is
    // copied whole, as a copy of that file).
    sameFile(span, statSync(span.path));
    copyFileSync(span.path, dest);
    return;
  }
  const fd = openSync(dest, 'w', 0o600);
  try {
    for await (const chunk of lineChunks(span))
      for (let done = 0; done < chunk.bytes.length;)
        done += writeSync(fd, chunk.bytes, done, chunk.bytes.length - done);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a recording as NDJSON (a checked copy) or as one JSON document {header, events}. The JSON
 * form is written one event at a time, so exporting a huge recording does not load it.
 */
export async function exportRecording(
  source: RecordingSource,
  dest: string,
  format: ExportFormat,
): Promise<void> {
  // Resolved once: what is checked is what is copied.
  const span = resolveRecording(source);
  const header = await readHeader(span);
  if (format === 'ndjson') {
    // Read it through once so a corrupt file is refused instead of copied.
    const cursor = new EventCursor(span);
    while (await cursor.next());
    await copyRecording(span, dest);
    return;
  }
  const fd = openSync(dest, 'w', 0o600);
  try {
    writeSync(fd, `{"header":${JSON.stringify(header)},\n"events":[`);
    const cursor = new EventCursor(span);
    let first = true;
    let batch: string[] = [];
    for (let item = await cursor.next(); item; item = await cursor.next()) {
      batch.push(`${first ? '\n' : ',\n'}${JSON.stringify(item.event)}`);
      first = false;
      if (batch.length >= 1000) {
        writeSync(fd, batch.join(''));
        batch = [];
      }
    }
    writeSync(fd, `${batch.join('')}\n]}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Does the file start like one of our NDJSON recordings (a header object alone on line 1)? */
async function isNdjsonRecording(file: string): Promise<boolean> {
  for await (const batch of lineBatches(file)) {
    const first = batch.lines[0]?.text ?? '';
    try {
      return parseRecordingHeader(JSON.parse(first)).ok;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Takes an NDJSON recording or a JSON export and writes it as a checked NDJSON recording at
 * `dest`. A JSON export is parsed whole (it is one document); NDJSON is streamed.
 */
export async function importRecording(source: string, dest: string): Promise<RecordingHeader> {
  let ndjson: boolean;
  try {
    ndjson = await isNdjsonRecording(source);
  } catch (error) {
    throw new RecordingError(`cannot read: ${(error as Error).message}`, source);
  }
  if (ndjson) {
    await exportRecording(source, dest, 'ndjson');
    return readHeader(dest);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(
      readFileText(source, { what: 'JSON export', limit: FILE_LIMITS.recordingExport }),
    );
  } catch (error) {
    throw new RecordingError(
      `neither an NDJSON recording nor a JSON export (${jsonErrorReason((error as Error).message, source)})`,
      source,
    );
  }
  if (
    typeof doc !== 'object' ||
    doc === null ||
    !('header' in doc) ||
    !('events' in doc) ||
    !Array.isArray(doc.events)
  ) {
    throw new RecordingError(
      'a JSON export must be an object with "header" and "events" (an array)',
      source,
    );
  }
  const header = parseRecordingHeader(doc.header);
  if (!header.ok) throw new RecordingError(`header: ${header.error}`, source);
  let lastSeq = -1;
  const events: RecordingEvent[] = doc.events.map((value: unknown, i: number) => {
    const parsed = parseRecordingEvent(value);
    if (!parsed.ok) throw new RecordingError(`events[${i}]: ${parsed.error}`, source);
    // As the readers of the recording written from it require (SeqOrder in event-reader.ts).
    const { seq } = parsed.event;
    if (seq <= lastSeq)
      throw new RecordingError(
        `events[${i}]: seq ${seq} does not follow seq ${lastSeq} of the event before it: a recording's seqs only go up`,
        source,
      );
    lastSeq = seq;
    return parsed.event;
  });
  const fd = openSync(dest, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(header.header)}\n`);
    for (let i = 0; i < events.length; i += 1000) {
      writeSync(
        fd,
        `${events
          .slice(i, i + 1000)
          .map((e) => JSON.stringify(e))
          .join('\n')}\n`,
      );
    }
  } finally {
    closeSync(fd);
  }
  return header.header;
}
