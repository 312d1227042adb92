// The recordings of a file of several indexed in one pass (buildPackedIndexes) give what each
// FILE#N indexed alone gives: the same index, the same error for a corrupt one, the same cut end.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { writeSyntheticChat } from '../testdata/synthetic.js';
import { mockCommand } from '../cli-commands.js';
import {
  buildPackedIndexes,
  buildRecordingIndex,
  HOLDS_NO_RECORDING,
  recordingStarts,
  recordingsIn,
  type PackedIndex,
} from './index.js';

const tmp = tempDir();
let lines: string[] = [];
/** Line of the file (from 1) where recording n (from 1) starts. */
let startLines: number[] = [];

beforeAll(async () => {
  const texts: string[] = [];
  for (const n of [1, 2, 3, 4, 5]) {
    const file = tmp.file(`single-${n}.ndjson`);
    await writeSyntheticChat(file, n * 3);
    texts.push(readFileSync(file, 'utf8'));
  }
  lines = texts.join('').split('\n').slice(0, -1);
  startLines = texts.map((_, i) =>
    texts.slice(0, i).reduce((a, t) => a + t.split('\n').length - 1, 1),
  );
});
afterAll(() => tmp.remove());

async function alone(file: string, n: number): Promise<Omit<PackedIndex, 'n'>> {
  try {
    return { index: await buildRecordingIndex(`${file}#${n}`, 4) };
  } catch (error) {
    return { error: error as Error };
  }
}

async function expectSameAsAlone(file: string, from: number): Promise<PackedIndex[]> {
  const starts = recordingStarts(file);
  const packed = await buildPackedIndexes(file, starts, from, 4);
  const count = starts.offsets.length;
  expect(packed.map((p) => p.n)).toEqual(
    Array.from({ length: count - from + 1 }, (_, i) => from + i),
  );
  for (const p of packed) {
    const { n, ...got } = p;
    const want = await alone(file, n);
    if ('error' in want) expect(String((got as { error: Error }).error)).toBe(String(want.error));
    else expect(got).toEqual(want);
  }
  return packed;
}

describe('indexing a file of several recordings in one pass', () => {
  it('gives each recording the index it has alone, from any recording on', async () => {
    const file = tmp.file('calls.recordings');
    writeFileSync(file, `${lines.join('\n')}\n`);
    for (const from of [1, 2, 5]) await expectSameAsAlone(file, from);
    expect(await buildPackedIndexes(file, recordingStarts(file), 6)).toEqual([]);
  });

  it('a corrupt recording gets its error (file#N:line), the others their index', async () => {
    const file = tmp.file('corrupt.recordings');
    const bad = [...lines];
    const at = (startLines[2] as number) + 3; // an event of #3
    bad[at - 1] = '{"dir":"client",nope';
    const header4 = (startLines[3] as number) - 1;
    bad[header4] = `${bad[header4]?.slice(0, -1)},"version":"x"}`; // #4's header not ours
    writeFileSync(file, `${bad.join('\n')}\n`);
    const packed = await expectSameAsAlone(file, 1);
    expect(String((packed[2] as { error: Error }).error)).toContain(
      `${file}#3:${at}: not valid JSON`,
    );
    expect(String((packed[3] as { error: Error }).error)).toContain(
      `${file}#4:${startLines[3]}: not a gwb recording header`,
    );
    expect('index' in (packed[4] as PackedIndex)).toBe(true);
  });

  it('a recording whose seqs do not go up gets the error it gets alone, the next one its index', async () => {
    const file = tmp.file('seq-back.recordings');
    const bad = [...lines];
    const at = (startLines[1] as number) + 3; // an event of #2, its seq made its previous one's
    const seqOf = (line: number): number =>
      (JSON.parse(bad[line - 1] as string) as { seq: number }).seq;
    bad[at - 1] = (bad[at - 1] as string).replace(/"seq":\d+/, `"seq":${seqOf(at - 1)}`);
    writeFileSync(file, `${bad.join('\n')}\n`);
    const packed = await expectSameAsAlone(file, 1);
    expect(String((packed[1] as { error: Error }).error)).toContain(
      `${file}#2:${at}: the event's seq ${seqOf(at - 1)} does not follow`,
    );
    expect('index' in (packed[2] as PackedIndex)).toBe(true);
  });

  it('a cut last line ends the last recording with truncatedAt', async () => {
    const file = tmp.file('cut.recordings');
    const text = `${lines.join('\n')}\n`;
    writeFileSync(file, text.slice(0, -12));
    const packed = await expectSameAsAlone(file, 1);
    expect(packed.at(-1)).toMatchObject({ index: { truncatedAt: lines.length, complete: false } });
  });
});

describe('a file of several that holds no recording', () => {
  it('says so to gwb readers, empty or cut in its first header', async () => {
    for (const [name, text] of [
      ['empty.recordings', ''],
      ['cut.recordings', '{"format":"gwb-rec'],
    ]) {
      const file = tmp.file(name as string);
      writeFileSync(file, text as string);
      expect(() => recordingsIn(file)).toThrow(`${file}: ${HOLDS_NO_RECORDING}`);
      await expect(mockCommand({ inputs: [file] })).rejects.toThrow(
        `${file}: ${HOLDS_NO_RECORDING}`,
      );
    }
  });
});
