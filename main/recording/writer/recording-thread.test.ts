import { readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { buildRecordingIndex } from '../reader/recording-index.js';
import { recordingHeaderFor } from './call-recorder.js';
import { createRecordingWriter } from './recording-writer.js';
import { MAX_QUEUED_BYTES, RecordingThread } from './recording-thread.js';
import { serializeEvent } from './serialize-event.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
const schema = exampleSchema();
const METHOD = '/example.ChatService/Chat';
const header = (path: string) =>
  recordingHeaderFor({ registry: schema.registry, method: METHOD, target: 't' }, path);
const received = (seq: number, text = `m${seq}`): CallEvent =>
  ({ type: 'received', message: { content: text }, size: 1, seq, t: seq }) as CallEvent;

describe('recordings written by the recording thread (the capture proxy: a file per call)', () => {
  it('writes many recordings closed in the same turn, each whole, the thread woken once (ops go through shared memory)', async () => {
    const thread = new RecordingThread();
    const paths = Array.from({ length: 200 }, (_, i) => tmp.file(`many-${i}.ndjson`));
    const closed = paths.map((path, i) => {
      const writer = createRecordingWriter({ path, header: header(path), thread });
      for (let seq = 0; seq < 3; seq++) writer.write(received(seq, `call ${i}`));
      return writer.close();
    });
    // (Whether file 0 exists yet is not asserted: the first op wakes the thread, which may
    // already be writing while this loop goes on; on a loaded machine it sometimes was.)
    await Promise.all(closed);
    for (const [i, path] of paths.entries()) {
      const lines = readFileSync(path, 'utf8').split('\n');
      expect(lines.slice(1)).toEqual([
        ...[0, 1, 2].map((seq) => serializeEvent(received(seq, `call ${i}`))),
        '',
      ]);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    expect(thread.wakes).toBe(1);
  });

  it('a recording that cannot be created fails with the file named; the others in its batch are written', async () => {
    const thread = new RecordingThread();
    const bad = tmp.file('no-such-folder/x.ndjson');
    const good = tmp.file('beside-the-bad-one.ndjson');
    const writers = [bad, good].map((path) => {
      const w = createRecordingWriter({ path, header: header(path), thread });
      w.write(received(0));
      return w;
    });
    const [failed, written] = await Promise.allSettled(writers.map((w) => w.close()));
    expect(failed?.status).toBe('rejected');
    expect((failed as PromiseRejectedResult).reason.message).toMatch(
      /^cannot create recording .*no-such-folder\/x\.ndjson: ENOENT/,
    );
    expect(written?.status).toBe('fulfilled');
    expect(readFileSync(good, 'utf8').split('\n')[1]).toBe(serializeEvent(received(0)));
  });

  it('replaces the header at close (types packed in Any fields) through the descriptor it hands over', async () => {
    const thread = new RecordingThread();
    const path = tmp.file('replaced.ndjson');
    const head = header(path);
    const writer = createRecordingWriter({ path, header: head, thread });
    const events = [0, 1, 2].map((seq) => received(seq));
    for (const e of events) writer.write(e);
    const final = { ...head, target: 'a target named at length, longer than the first' };
    await writer.close(final);
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      JSON.stringify(final),
      ...events.map((e) => serializeEvent(e)),
      '',
    ]);
  });

  it('keeps what waits for the thread bounded: past the bound the event loop waits for the disk', async () => {
    const thread = new RecordingThread();
    const path = tmp.file('big.ndjson');
    const writer = createRecordingWriter({ path, header: header(path), thread });
    const text = 'x'.repeat(64 * 1024);
    let most = 0;
    const count = Math.ceil((3 * MAX_QUEUED_BYTES) / text.length);
    // All in one turn of the event loop: nothing would reach the thread without the bound.
    for (let seq = 0; seq < count; seq++) {
      writer.write(received(seq, text));
      most = Math.max(most, thread.queued);
    }
    await writer.close();
    expect(most).toBeLessThanOrEqual(MAX_QUEUED_BYTES);
    const index = await buildRecordingIndex(path);
    expect(index.count).toBe(count);
    expect(index.complete).toBe(false);
  });
});
