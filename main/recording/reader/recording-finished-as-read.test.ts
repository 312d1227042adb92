// A live recording read while its recorder finishes it: the recorder (gwb -record, gwb proxy) learns
// the types packed in Any fields and status details as the call goes, and at close puts a header
// naming their files in place of the first line (replace-header.ts): the header grows, and every
// event after it moves up by as much. A reader that read some of it before is not reading a file
// written over in place: it goes on with the events where they now are, each once. A file `cp`'d
// over it is still told, also one laid out as that recording finished would be.
import { closeSync, copyFileSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { resourcePath } from '../../resources.js';
import { loadProtoFiles } from '../../schema/index.js';
import { tempDir } from '../recording.testkit.js';
import { createCallRecorder, type CallRecorder } from '../writer/call-recorder.js';
import { replaceHeaderLine } from '../writer/replace-header.js';
import { serializeEvent } from '../writer/serialize-event.js';
import { EventCursor } from './index.js';
import { lineChunks, type LineChunk } from './line-chunks.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const WRITTEN_OVER = 'the file changed as it was read: it was written over in place';
/** A schema whose status details can name a type of a file the method does not use. */
const schema = loadProtoFiles({
  files: ['example.proto', 'google/rpc/error_details.proto'],
  importPaths: [resourcePath('protos')],
});

/** A Chat call of `pairs` message pairs whose status details pack a google.rpc.ErrorInfo. */
function chatEvents(pairs: number): CallEvent[] {
  const events: CallEvent[] = [];
  const push = (e: Record<string, unknown>): void => {
    events.push({ ...e, seq: events.length, t: events.length * 0.25 } as CallEvent);
  };
  push({
    type: 'started',
    at: 0,
    method: '/example.ChatService/Chat',
    kind: 'bidi_stream',
    target: 'localhost:50051',
    metadata: [],
  });
  for (let i = 0; i < pairs; i++) {
    push({ type: 'sent', message: { user: 'ann', text: `question ${i}` }, size: 16 });
    push({ type: 'received', message: { user: 'bot', text: `answer ${i}` }, size: 14 });
  }
  const detail = {
    type: 'google.rpc.ErrorInfo',
    value: { reason: 'DONE', domain: 'example' },
    raw: Buffer.from('\n\x04DONE').toString('base64'),
  };
  push({
    type: 'status',
    status: { code: 9, codeName: 'FAILED_PRECONDITION', message: 'enough', details: [detail] },
  });
  push({ type: 'ended', durationMs: 1 });
  return events;
}

/** A recorder as `gwb -record` makes one: the header on disk at once, events in batches. */
function chatRecorder(path: string): CallRecorder {
  return createCallRecorder({
    path,
    registry: schema.registry,
    method: '/example.ChatService/Chat',
    target: 'localhost:50051',
    flushIntervalMs: 0,
  });
}

/** Hands the recorder the events and waits until the file holds them (its batches are written). */
async function recordUntilWritten(recorder: CallRecorder, events: CallEvent[]): Promise<void> {
  for (const event of events) recorder.onEvent(event);
  const last = `${serializeEvent(events.at(-1) as CallEvent)}\n`;
  await expect
    .poll(() => readFileSync(recorder.path, 'utf8').endsWith(last), {
      message: 'the recorder wrote its events',
    })
    .toBe(true);
}

function linesOf(chunks: LineChunk[]): string[] {
  return Buffer.concat(chunks.map((c) => c.bytes))
    .toString()
    .split('\n')
    .slice(0, -1);
}

async function take(chunks: AsyncGenerator<LineChunk>, n: number): Promise<LineChunk[]> {
  const got: LineChunk[] = [];
  for (let i = 0; i < n; i++) {
    const next = await chunks.next();
    if (next.done) throw new Error(`the file ended after ${i} of ${n} chunks`);
    got.push(next.value);
  }
  return got;
}

async function rest(chunks: AsyncGenerator<LineChunk>): Promise<LineChunk[]> {
  const got: LineChunk[] = [];
  for await (const chunk of chunks) got.push(chunk);
  return got;
}

/**
 * Each chunk is at its offset in the file as it was when read: before the finish (the rest of a
 * read made before it) or after it, as the last one is.
 */
function expectWhereTheyAre(was: Buffer, path: string, chunks: LineChunk[]): void {
  const is = readFileSync(path);
  const at = (file: Buffer, c: LineChunk): boolean =>
    file.subarray(c.offset, c.offset + c.bytes.length).equals(c.bytes);
  for (const c of chunks) expect(at(was, c) || at(is, c)).toBe(true);
  expect(chunks.length > 0 && at(is, chunks.at(-1) as LineChunk)).toBe(true);
}

describe('a live recording read while its recorder finishes it (its header grows, the events move)', () => {
  const events = chatEvents(40);
  const eventLines = events.map((e) => serializeEvent(e));

  it('read as far as its header alone (a read ended with it): the events come next, not the final header cut', async () => {
    const path = tmp.file('header-alone.ndjson');
    const recorder = chatRecorder(path);
    await recordUntilWritten(recorder, events);
    const header = readFileSync(path, 'utf8').split('\n')[0] as string;
    const chunks = lineChunks(path, { readSize: Buffer.byteLength(header) + 1 });
    expect(linesOf(await take(chunks, 1))).toEqual([header]);
    const was = readFileSync(path);
    await recorder.close();
    expect(readFileSync(path, 'utf8').indexOf('\n')).toBeGreaterThan(header.length); // it grew
    const after = await rest(chunks);
    expect(linesOf(after)).toEqual(eventLines);
    expectWhereTheyAre(was, path, after);
  });

  it('read past its header, in reads of a few lines: every event once, in order', async () => {
    const path = tmp.file('some-events.ndjson');
    const recorder = chatRecorder(path);
    await recordUntilWritten(recorder, events);
    const chunks = lineChunks(path, { readSize: 512 });
    const before = await take(chunks, 3);
    expect(linesOf(before).length).toBeGreaterThan(1); // the header and some events
    const was = readFileSync(path);
    await recorder.close();
    const after = await rest(chunks);
    expect(linesOf([...before, ...after]).slice(1)).toEqual(eventLines);
    expectWhereTheyAre(was, path, after);
  });

  it('read to its end before the finish: the reader ends with what it read', async () => {
    const path = tmp.file('all-read.ndjson');
    const recorder = chatRecorder(path);
    await recordUntilWritten(recorder, events);
    const cursor = new EventCursor(path);
    const seqs: number[] = [];
    const first = await cursor.next(); // one read: the whole file
    seqs.push(first?.event.seq ?? -1);
    await recorder.close();
    for (let e = await cursor.next(); e; e = await cursor.next()) seqs.push(e.event.seq);
    expect(seqs).toEqual(events.map((e) => e.seq));
  });

  it('read from an event on (a page of it, as a viewer reads one): every event from there once', async () => {
    const path = tmp.file('a-page.ndjson');
    const recorder = chatRecorder(path);
    await recordUntilWritten(recorder, events);
    const text = readFileSync(path, 'utf8');
    const from = Buffer.byteLength(text.slice(0, text.indexOf(`${eventLines[10]}\n`)));
    const chunks = lineChunks(path, { start: from, readSize: 512 });
    const before = await take(chunks, 2);
    const was = readFileSync(path);
    await recorder.close();
    const after = await rest(chunks);
    expect(linesOf([...before, ...after])).toEqual(eventLines.slice(10));
    expectWhereTheyAre(was, path, after);
  });

  it('read as far as its header alone, which then changed otherwise than a recorder finishes it: written over', async () => {
    const path = tmp.file('header-changed.ndjson');
    const recorder = chatRecorder(path);
    await recordUntilWritten(recorder, events);
    await recorder.close();
    const header = readFileSync(path, 'utf8').split('\n')[0] as string;
    const chunks = lineChunks(path, { readSize: Buffer.byteLength(header) + 1 });
    await take(chunks, 1);
    // Another target, the line padded to its length in place (what replaceHeaderLine does with
    // a shorter header): the events are where they were, but not the recording's header.
    const other = JSON.stringify({ ...(JSON.parse(header) as object), target: 'elsewhere:1' });
    const fd = openSync(path, 'r+');
    try {
      replaceHeaderLine(fd, Buffer.byteLength(header) + 1, Buffer.from(`${other}\n`));
    } finally {
      closeSync(fd);
    }
    await expect(rest(chunks)).rejects.toThrow(`${path}: ${WRITTEN_OVER}`);
  });

  it.each([
    [
      'its start time and its last answer other',
      (text: string) =>
        text
          .replace(/"startedAt":(\d+)/, (_, t: string) => `"startedAt":${Number(t) + 1}`)
          .replace('answer 39', 'answer 93'),
    ],
    [
      'its header the same, its times other',
      (text: string) =>
        text.replace(
          /"t":(\d*)(\d)/g,
          (_, a: string, d: string) => `"t":${a}${(Number(d) + 5) % 10}`,
        ),
    ],
    [
      'its header naming not every file the first one named, its events the same',
      (text: string) => {
        const nl = text.indexOf('\n');
        const header = JSON.parse(text.slice(0, nl)) as { files: string[] };
        // A recorder only adds files: the first (the method's own, named from the start) gone.
        const files = header.files.slice(1);
        return JSON.stringify({ ...header, files }) + text.slice(nl);
      },
    ],
  ])(
    'a recording laid out as this one finished (%s) `cp` over it: written over',
    async (_, otherwise: (text: string) => string) => {
      const path = tmp.file('copied-over.ndjson');
      const recorder = chatRecorder(path);
      await recordUntilWritten(recorder, events);
      const chunks = lineChunks(path, { readSize: 512 });
      await take(chunks, 3);
      // The recording finished, made another (every line as long as its own), copied over it.
      await recorder.close();
      const other = tmp.file('other.ndjson');
      writeFileSync(other, otherwise(readFileSync(path, 'utf8')));
      copyFileSync(other, path);
      await expect(rest(chunks)).rejects.toThrow(`${path}: ${WRITTEN_OVER}`);
    },
  );
});
