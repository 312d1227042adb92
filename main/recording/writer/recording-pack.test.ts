import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { readHeader } from '../reader/event-reader.js';
import { recordingStarts } from '../reader/recording-address.js';
import { recordingHeaderFor } from './call-recorder.js';
import { createRecordingWriter } from './recording-writer.js';
import { RecordingPack } from './recording-pack.js';
import { RecordingThread } from './recording-thread.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
const schema = exampleSchema();
const METHOD = '/example.ChatService/Chat';
// One start time, so that recordings of the same events are the same bytes.
const header = (path: string) => ({
  ...recordingHeaderFor({ registry: schema.registry, method: METHOD, target: 't' }, path),
  startedAt: 1_765_000_000_000,
});
const received = (seq: number, text = `m${seq}`): CallEvent =>
  ({ type: 'received', message: { content: text }, size: 1, seq, t: seq }) as CallEvent;

/** Writes a recording of `events` with the writer's options; resolves to where it went. */
async function record(
  path: string,
  opts: { thread?: RecordingThread; pack?: RecordingPack },
  events: CallEvent[],
  finalHeader?: ReturnType<typeof header>,
): Promise<string> {
  const writer = createRecordingWriter({ path, header: header(path), ...opts });
  for (const event of events) writer.write(event);
  await writer.close(finalHeader);
  return writer.address;
}

describe('short recordings packed into a file of several (RecordingPack)', () => {
  it('each goes whole, byte for byte as in a file of its own, numbered in order; files roll over by size', async () => {
    const thread = new RecordingThread();
    let n = 0;
    // Small enough that the third recording starts a second file.
    const alone = await record(tmp.file('alone.ndjson'), {}, [received(0, 'x')]);
    const size = statSync(alone).size;
    const pack = new RecordingPack(() => tmp.file(`pack-${++n}.recordings`), size * 2);
    const addresses = await Promise.all(
      ['a', 'b', 'c'].map((text, i) =>
        record(tmp.file(`never-${i}.ndjson`), { thread, pack }, [received(0, text)]),
      ),
    );
    expect(addresses).toEqual([
      `${tmp.file('pack-1.recordings')}#1`,
      `${tmp.file('pack-1.recordings')}#2`,
      `${tmp.file('pack-2.recordings')}#1`,
    ]);
    // The per-call names are never made.
    for (const i of [0, 1, 2]) expect(existsSync(tmp.file(`never-${i}.ndjson`))).toBe(false);
    const own = (text: string) =>
      readFileSync(alone, 'utf8').replace('"content":"x"', `"content":"${text}"`);
    expect(readFileSync(tmp.file('pack-1.recordings'), 'utf8')).toBe(own('a') + own('b'));
    expect(readFileSync(tmp.file('pack-2.recordings'), 'utf8')).toBe(own('c'));
    expect(statSync(tmp.file('pack-1.recordings')).mode & 0o777).toBe(0o600);
    expect(recordingStarts(tmp.file('pack-1.recordings')).offsets).toEqual([0, size]);
  });

  it('the header made at close (types packed in Any fields) is the one in the file', async () => {
    const thread = new RecordingThread();
    const path = tmp.file('final.recordings');
    const pack = new RecordingPack(() => path);
    const final = { ...header(path), schemaSource: 'replaced at close' };
    const address = await record(tmp.file('x.ndjson'), { thread, pack }, [received(0)], final);
    expect(address).toBe(`${path}#1`);
    expect(await readHeader(address)).toMatchObject({ schemaSource: 'replaced at close' });
  });

  it('a recording written before its close (past the flush interval) keeps its own file', async () => {
    const thread = new RecordingThread();
    const path = tmp.file('own.ndjson');
    const pack = new RecordingPack(() => tmp.file('unused.recordings'));
    const writer = createRecordingWriter({ path, header: header(path), thread, pack });
    writer.write(received(0));
    writer.flush(); // what the interval's timer does
    writer.write(received(1));
    await writer.close();
    expect(writer.address).toBe(path);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(4);
    expect(existsSync(tmp.file('unused.recordings'))).toBe(false);
  });

  it('a file of recordings a write failed on takes nothing more, even after the thread slept', async () => {
    const thread = new RecordingThread();
    const folder = tmp.file('not-yet');
    const path = `${folder}/p.recordings`;
    const pack = new RecordingPack(() => path);
    const open = (name: string) => {
      const writer = createRecordingWriter({
        path: tmp.file(name),
        header: header(path),
        thread,
        pack,
      });
      writer.write(received(0));
      return writer;
    };
    const [first, second] = [open('first.ndjson'), open('second.ndjson')];
    const closingFirst = first.close(); // its folder is missing: the thread fails it
    // The event loop busy (blocked) until the thread has failed it and gone to sleep, which
    // closes the file; the cause then goes away before the event loop hears of the failure.
    const deadline = Date.now() + 20_000;
    const nap = new Int32Array(new SharedArrayBuffer(4));
    while (!(thread.queued === 0 && thread.asleep) && Date.now() < deadline)
      Atomics.wait(nap, 0, 0, 5);
    expect(thread.asleep, 'the thread to fail the first recording and go to sleep (20 s)').toBe(
      true,
    );
    mkdirSync(folder);
    const closingSecond = second.close();
    await expect(closingFirst).rejects.toThrow(`cannot create recording file ${path}`);
    // Written, it would be #1 of the file while the proxy prints it as #2.
    await expect(closingSecond).rejects.toThrow(`cannot create recording file ${path}`);
    expect(existsSync(path)).toBe(false);
  });
});
