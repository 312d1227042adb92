// Recordings of a file of several are told apart by byte-exact header lines (review29 S-5, N-8):
// a header written another way (a space, another key order) is not found as a start, so every
// reader that meets it as an event line says so with the file and its line instead of reading on;
// an event line that starts as a header does is taken as a start and fails as a header, loudly.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageCodec } from '../../codec/index.js';
import { findInRecording } from '../find/index.js';
import { exampleSchema, HEADERS_WRITTEN_ANOTHER_WAY, tempDir } from '../recording.testkit.js';
import { ClientSteps } from '../replay/client-steps.js';
import { writeSyntheticChat } from '../testdata/synthetic.js';
import { EventCursor, readHeader, recordingStarts } from './index.js';

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

/** A file of the three recordings, #2's header line replaced by `header2(its line)`. */
function pack(name: string, header2: (line: string) => string): string {
  const file = tmp.file(name);
  const [one, two, three] = recordings as [string[], string[], string[]];
  const [first, ...rest] = two;
  writeFileSync(file, [...one, header2(first as string), ...rest, ...three, ''].join('\n'));
  return file;
}

/** Reads every event of a recording; the error it throws, if any. */
async function eventsError(address: string): Promise<unknown> {
  const cursor = new EventCursor(address);
  try {
    while (await cursor.next());
  } catch (error) {
    return error;
  } finally {
    await cursor.close();
  }
  return undefined;
}

async function stepsError(address: string): Promise<unknown> {
  const codec = createMessageCodec(exampleSchema().registry, 'example.ChatMessage');
  const steps = new ClientSteps(address, (message) => codec.encode(message));
  try {
    while (await steps.more()) while (steps.step());
  } catch (error) {
    return error;
  } finally {
    await steps.close();
  }
  return undefined;
}

const HEADER_OF_2 = (): number => (recordings[0] as string[]).length + 1;

describe('a header line not written byte for byte as gwb writes it', () => {
  for (const [how, rewrite] of HEADERS_WRITTEN_ANOTHER_WAY)
    it(`(${how}) is refused where a reader meets it, with the file and its line`, async () => {
      const file = pack(`other-${how.replace(/ /g, '-')}.recordings`, rewrite);
      // Not found as a start: the file seems to hold 2 recordings, #2 being the third.
      expect(recordingStarts(file).offsets).toHaveLength(2);
      const line = HEADER_OF_2();
      const expected = `${file}#1:${line}: a recording header not written byte for byte as gwb writes it`;
      for (const error of [
        await eventsError(`${file}#1`),
        await stepsError(`${file}#1`),
        await findInRecording(`${file}#1`, { query: 'zzz' }).catch((e: unknown) => e),
      ]) {
        expect(String(error)).toContain(expected);
        expect(String(error)).toContain(
          'the numbers #N of the recordings after this one are wrong',
        );
      }
    });

  it('an event line that starts as a header does (N-8) starts a recording, which fails as a header', async () => {
    const file = pack('forged.recordings', (l) => l);
    const lines = readFileSync(file, 'utf8').split('\n');
    // The first event of #1 given a leading `format` key, as another tool might write it.
    const at = 1; // line 2 of the file
    const event = JSON.parse(lines[at] as string) as Record<string, unknown>;
    lines[at] = JSON.stringify({ format: 'gwb-recording', ...event });
    writeFileSync(file, lines.join('\n'));
    expect(recordingStarts(file).offsets).toHaveLength(4);
    // #1 ends before it, and the line read as #2's header is not one.
    await expect(readHeader(`${file}#2`)).rejects.toThrow(
      `${file}#2:2: not a gwb recording header`,
    );
    // Read whole, the file stops there.
    expect(String(await eventsError(file))).toContain(`${file}:2: a second recording starts here`);
  });

  it('an event line holding a `format` key elsewhere is refused too', async () => {
    const file = tmp.file('event-with-format.ndjson');
    const lines = [...(recordings[0] as string[])];
    const event = JSON.parse(lines[1] as string) as Record<string, unknown>;
    lines[1] = JSON.stringify({ ...event, format: 'gwb-recording' });
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(String(await eventsError(file))).toContain(
      `${file}:2: a recording header not written byte for byte`,
    );
  });
});
