// The objects made per recording (the recording thread's file, the writer, the call recorder) have
// no accessors of their own. V8 makes an object literal's accessors in its old generation; there
// they held the recording's closures (its batch, header, index, promises) through every young
// generation collection until the next full one: a capture proxy makes a recording per call, and
// each one's ~4 KB was promoted (bench:proxy's capture thread: 120 -> 76 MB promoted for 20,000
// unary calls with these three, `node --trace-gc-nvp`). What they say must still be up to date.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { createCallRecorder, recordingHeaderFor } from './call-recorder.js';
import { RecordingPack } from './recording-pack.js';
import { RecordingThread } from './recording-thread.js';
import { createRecordingWriter } from './recording-writer.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
const schema = exampleSchema();
const METHOD = '/example.ChatService/Chat';

function ownAccessors(object: object): string[] {
  return Object.entries(Object.getOwnPropertyDescriptors(object))
    .filter(([, d]) => d.get !== undefined || d.set !== undefined)
    .map(([key]) => key);
}

describe('objects made per recording', () => {
  it('the recording thread file: no accessors; unwritten and failure kept up to date', async () => {
    const thread = new RecordingThread();
    const file = thread.open(join(tmp.dir, 'thread-file.ndjson'));
    expect(ownAccessors(file)).toEqual([]);
    expect(file.unwritten).toBe(true);
    file.append(Buffer.from('{}\n'));
    expect(file.unwritten).toBe(false);
    await file.close();
    expect(file.failure).toBeUndefined();

    const lost = thread.open(join(tmp.dir, 'no-such-folder', 'x.ndjson'));
    await expect(lost.close()).rejects.toThrow();
    expect(lost.unwritten).toBe(false);
    expect(lost.failure?.message).toMatch(/no-such-folder/);
  });

  it('the writer and the call recorder: no accessors; address says where the recording went', async () => {
    const thread = new RecordingThread();
    let n = 0;
    const pack = new RecordingPack(() => join(tmp.dir, `accessors-${++n}.recordings`));
    const path = join(tmp.dir, 'writer.ndjson');
    const header = recordingHeaderFor(
      { registry: schema.registry, method: METHOD, target: 't' },
      path,
    );
    const writer = createRecordingWriter({ path, header, thread, pack });
    expect(ownAccessors(writer)).toEqual([]);
    expect(writer.address).toBe(path);
    await writer.close();
    expect(writer.address).toMatch(/accessors-1\.recordings#1$/);

    const recorderPath = join(tmp.dir, 'recorder.ndjson');
    const recorder = createCallRecorder({
      path: recorderPath,
      registry: schema.registry,
      method: METHOD,
      target: 't',
      thread,
      pack,
    });
    expect(ownAccessors(recorder)).toEqual([]);
    expect(recorder.address).toBe(recorderPath);
    await recorder.close();
    expect(recorder.address).toMatch(/accessors-1\.recordings#2$/);
  });
});
