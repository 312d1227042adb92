// A recording written over in place (`cp new old`: the same inode, truncated and written again) as
// it is read, or after its span was found: the inode check (span-file-replaced) cannot tell, so the
// readers check that the bytes they read are still there (bytes-seen.ts). The new file here is
// another recording of the same call laid out byte for byte as the old one but for its times (what
// defeats a size check): without that check the readers read a mix of the two files, or the
// other file's recording in the span, and say nothing.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageCodec } from '../../codec/index.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { ClientSteps } from '../replay/client-steps.js';
import { writeSyntheticChat } from '../testdata/synthetic.js';
import { EventCursor, recordingSpan } from './index.js';
import { whatReadersSay } from './span-readers.testkit.js';

const tmp = tempDir();
const WRITTEN_OVER = 'the file changed as it was read: it was written over in place';
/** A Chat recording several reads long (~2.4 MB: ClientSteps reads 1 MiB at a time). */
let big: string;
/** Recordings of 1 to 3 message pairs, each a file of its own. */
const singles: string[] = [];

beforeAll(async () => {
  big = tmp.file('big.ndjson');
  await writeSyntheticChat(big, 8000);
  for (const n of [1, 2, 3]) {
    const file = tmp.file(`single-${n}.ndjson`);
    await writeSyntheticChat(file, n);
    singles.push(file);
  }
});
afterAll(() => tmp.remove());

/** Another recording of the same call: every line as long as the old one's, its time other. */
function otherTimings(file: string): string {
  const other = `${file}.other`;
  const text = readFileSync(file, 'latin1').replace(
    /(\d)}\n/g,
    (_, digit: string) => `${(Number(digit) + 1) % 10}}\n`,
  );
  writeFileSync(other, text, 'latin1');
  return other;
}

const codec = (): ReturnType<typeof createMessageCodec> =>
  createMessageCodec(exampleSchema().registry, 'example.ChatMessage');

describe('a recording written over in place', () => {
  it('as events are read: the cursor refuses to go on into the other file', async () => {
    const file = tmp.file('events.ndjson');
    copyFileSync(big, file);
    const other = otherTimings(big);
    const cursor = new EventCursor(file);
    const times: number[] = [];
    const rest = async (): Promise<void> => {
      for (let e = await cursor.next(); e; e = await cursor.next()) times.push(e.event.t);
    };
    expect(await cursor.next()).toBeDefined(); // its first read is in
    copyFileSync(other, file);
    await expect(rest()).rejects.toThrow(`${file}: ${WRITTEN_OVER}`);
    // What it did hand on came from the first file only: its times are the recorded ones.
    const recorded = new Set<number>();
    const original = new EventCursor(big);
    for (let e = await original.next(); e; e = await original.next()) recorded.add(e.event.t);
    expect(times.length).toBeGreaterThan(0);
    expect(times.filter((t) => !recorded.has(t))).toEqual([]);
  });

  it("as replay's steps are read: they stop instead of sending the other file's messages", async () => {
    const file = tmp.file('steps.ndjson');
    copyFileSync(big, file);
    const other = otherTimings(big);
    const encoder = codec();
    const steps = new ClientSteps(file, (message) => encoder.encode(message));
    try {
      expect(await steps.more()).toBe(true);
      copyFileSync(other, file);
      const rest = async (): Promise<void> => {
        while (await steps.more()) while (steps.step());
      };
      await expect(rest()).rejects.toThrow(`${file}: ${WRITTEN_OVER}`);
    } finally {
      await steps.close();
    }
  });

  it('after FILE#N was found in it: every reader refuses the span', async () => {
    const pack = tmp.file('calls.recordings');
    writeFileSync(pack, Buffer.concat(singles.map((file) => readFileSync(file))));
    const other = otherTimings(pack);
    const span = recordingSpan(`${pack}#2`);
    copyFileSync(other, pack);
    const readers = await whatReadersSay(span, tmp.file);
    for (const reader of readers) expect(reader).toContain(`${pack}#2: ${WRITTEN_OVER}`);
  });

  it('appended to as it is read (a live recording, gwb proxy): not a change', async () => {
    const file = tmp.file('growing.ndjson');
    writeFileSync(file, readFileSync(big));
    const cursor = new EventCursor(file);
    expect(await cursor.next()).toBeDefined();
    // More events of the same call (its last three lines again with the next seqs, as a writer's
    // next batch).
    const lines = readFileSync(big, 'utf8').split('\n');
    const more = lines
      .slice(-4, -1)
      .map((l) => l.replace(/"seq":(\d+)/, (_, n) => `"seq":${Number(n) + 3}`));
    writeFileSync(file, `${more.join('\n')}\n`, { flag: 'a' });
    let events = 1;
    for (let e = await cursor.next(); e; e = await cursor.next()) events++;
    expect(events).toBe(lines.length - 2 + 3);
  });
});
