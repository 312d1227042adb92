// After a recording header written another way in a file of several (a space, another key order),
// no #N answers for a recording it was not written as (review30-a S-1): such a header is no start,
// so the recording found as #2 is the one written as #3. Every reader of a #N past that line
// refuses it, naming the line: header, events, replay steps, export and the workbench list.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageCodec } from '../codec/index.js';
import {
  copyRecording,
  EventCursor,
  readHeader,
  recordingStarts,
} from '../recording/reader/index.js';
import { scanRecordingStarts } from '../recording/reader/recording-address.js';
import {
  exampleSchema,
  HEADERS_WRITTEN_ANOTHER_WAY,
  tempDir,
} from '../recording/recording.testkit.js';
import { ClientSteps } from '../recording/replay/client-steps.js';
import { writeSyntheticChat } from '../recording/testdata/synthetic.js';
import { createRecordingsStore } from './recordings-store.js';

const tmp = tempDir();
/** The lines of three recordings, each of its own. */
const recordings: string[][] = [];

beforeAll(async () => {
  for (const n of [1, 2, 3]) {
    const file = tmp.file(`single-${n}.ndjson`);
    await writeSyntheticChat(file, n);
    recordings.push(readFileSync(file, 'utf8').split('\n').slice(0, -1));
  }
});
afterAll(() => tmp.remove());

/** A file of the three recordings, #2's header line rewritten, #1's first sent message too. */
function pack(name: string, header2: (line: string) => string, sent1 = (l: string) => l): string {
  const file = tmp.file(name);
  const [one, two, three] = recordings as [string[], string[], string[]];
  const [first, ...rest] = two;
  const ones = one.map((l) => (l.includes('"type":"sent"') ? sent1(l) : l));
  writeFileSync(file, [...ones, header2(first as string), ...rest, ...three, ''].join('\n'));
  return file;
}

async function failure(read: () => Promise<unknown>): Promise<string> {
  return read().then(
    () => 'read without an error',
    (error: unknown) => String(error),
  );
}

async function readEvents(address: string): Promise<void> {
  const cursor = new EventCursor(address);
  try {
    while (await cursor.next());
  } finally {
    await cursor.close();
  }
}

async function replaySteps(address: string): Promise<void> {
  const codec = createMessageCodec(exampleSchema().registry, 'example.ChatMessage');
  const steps = new ClientSteps(address, (message) => codec.encode(message));
  try {
    while (await steps.more()) while (steps.step());
  } finally {
    await steps.close();
  }
}

describe('#N after a header not written byte for byte as gwb writes it', () => {
  for (const [how, rewrite] of HEADERS_WRITTEN_ANOTHER_WAY)
    it(`(${how}) is refused by every reader, naming that line`, async () => {
      const file = pack(`other-${how.replace(/ /g, '-')}.recordings`, rewrite);
      const line = (recordings[0] as string[]).length + 1;
      expect(recordingStarts(file).offsets).toHaveLength(2);
      // Found the same whatever the reads cut: a value, a key or the line across two of them.
      for (const readBytes of [5, 16, 64, 1000])
        expect(scanRecordingStarts(file, readBytes)).toEqual(recordingStarts(file));
      const expected = `${file}:${line}: a recording header not written byte for byte as gwb writes it`;
      const store = createRecordingsStore(tmp.dir);
      const second = `${file}#2`;
      const errors = [
        await failure(() => readHeader(second)),
        await failure(() => readEvents(second)),
        await failure(() => replaySteps(second)),
        await failure(() => copyRecording(second, tmp.file(`copy-${how}.ndjson`))),
        await failure(() => store.index(second)),
        await failure(() => store.summary(second)),
      ];
      for (const error of errors) {
        expect(error).toContain(expected);
        expect(error).toContain('#2 and the other recordings after this line cannot be told');
      }
    });

  it('a format key of a message (not of the line) is no header: #2 and #3 read as written', async () => {
    const file = pack(
      'message-format.recordings',
      (l) => l,
      (l) => {
        const event = JSON.parse(l) as Record<string, unknown>;
        return JSON.stringify({ ...event, message: { sender: { format: 'gwb-recording' } } });
      },
    );
    expect(recordingStarts(file).otherHeader).toBeUndefined();
    const third = JSON.parse((recordings[2] as string[])[0] as string) as unknown;
    expect(await readHeader(`${file}#3`)).toEqual(third);
    const store = createRecordingsStore(tmp.dir);
    expect((await store.index(`${file}#2`)).count).toBe((recordings[1] as string[]).length - 1);
  });
});
