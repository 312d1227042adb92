import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { createCallRecorder, recordingHeaderFor } from './call-recorder.js';
import { createRecordingWriter } from './recording-writer.js';
import { recordingThread } from './recording-thread.js';
import { serializeEvent } from './serialize-event.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
const schema = exampleSchema();
const METHOD = '/example.ChatService/Chat';

const received = (seq: number): CallEvent =>
  ({ type: 'received', message: { content: `m${seq}` }, size: 1, seq, t: seq }) as CallEvent;

describe('a recording written by the recording thread, its header with the first batch (the capture proxy)', () => {
  it('has its header first, then every event, with the header replaced at close as usual', async () => {
    const path = tmp.file('opened.ndjson');
    const head = recordingHeaderFor(
      { registry: schema.registry, method: METHOD, target: 't' },
      path,
    );
    const writer = createRecordingWriter({ path, header: head, thread: recordingThread() });
    const events = [0, 1, 2].map(received);
    for (const e of events) writer.write(e);
    const final = { ...head, target: 'another target, longer than the first' };
    await writer.close(final);
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      JSON.stringify(final),
      ...events.map((e) => serializeEvent(e)),
      '',
    ]);
  });

  it('its header reaches the file by itself, with no event after it (as a batch does)', async () => {
    const path = tmp.file('alone.ndjson');
    const head = recordingHeaderFor(
      { registry: schema.registry, method: METHOD, target: 't' },
      path,
    );
    const writer = createRecordingWriter({
      path,
      header: head,
      thread: recordingThread(),
      flushIntervalMs: 20,
    });
    await expect
      .poll(() => existsSync(path) && readFileSync(path, 'utf8') !== '', {
        message: 'the header to reach the file by the flush interval',
      })
      .toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(head)}\n`);
    await writer.close();
  });

  it('a header bigger than a batch is written whole, before the events', async () => {
    const path = tmp.file('big-header.ndjson');
    const head = {
      ...recordingHeaderFor({ registry: schema.registry, method: METHOD, target: 't' }, path),
      metadata: [{ key: 'big', value: 'x'.repeat(100_000) }],
    };
    const writer = createRecordingWriter({ path, header: head, thread: recordingThread() });
    writer.write(received(0));
    await writer.close();
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      JSON.stringify(head),
      serializeEvent(received(0)),
      '',
    ]);
  });

  it('the call recorder hands its thread on', async () => {
    const path = tmp.file('recorder.ndjson');
    const rec = createCallRecorder({
      path,
      thread: recordingThread(),
      registry: schema.registry,
      method: METHOD,
      target: 't',
    });
    rec.onEvent(received(0));
    await rec.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({ method: METHOD });
    expect(lines[1]).toBe(serializeEvent(received(0)));
  });
});
