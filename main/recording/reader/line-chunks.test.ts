import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { lineChunks, type LineChunk } from './line-chunks.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

async function chunks(text: string, start?: number): Promise<LineChunk[]> {
  const path = tmp.file('chunks.ndjson');
  writeFileSync(path, text);
  const all: LineChunk[] = [];
  for await (const c of lineChunks(path, start === undefined ? {} : { start })) all.push(c);
  return all;
}

/** Each chunk must be whole lines found at its offset; together they must be the file. */
function expectWholeLines(text: string, got: LineChunk[], start = 0): void {
  const file = Buffer.from(text);
  let at = start;
  got.forEach((c, i) => {
    expect(c.offset).toBe(at);
    expect(c.bytes.equals(file.subarray(at, at + c.bytes.length))).toBe(true);
    const last = i === got.length - 1;
    if (!c.unterminated) expect(c.bytes[c.bytes.length - 1]).toBe(0x0a);
    else expect(last).toBe(true);
    at += c.bytes.length;
  });
  expect(at).toBe(file.length);
}

describe('a file read as chunks of whole lines', () => {
  it('lines several reads long come out whole, at their offsets', async () => {
    const long = 'é'.repeat(400_000); // 800 KB: spans four 256 KiB reads
    const text = [
      '{"a":1}',
      long,
      'x',
      long,
      ...Array.from({ length: 50_000 }, (_, i) => `line ${i}`),
      '',
    ].join('\n');
    const got = await chunks(text);
    expectWholeLines(text, got);
    expect(got.some((c) => c.bytes.toString() === `${long}\n`)).toBe(true);
    expect(got.every((c) => !c.unterminated)).toBe(true);
  });

  it('a file that does not end with a newline ends in an unterminated chunk with just that line', async () => {
    const text = `one\ntwo\nthr`;
    const got = await chunks(text);
    expectWholeLines(text, got);
    expect(got.at(-1)).toMatchObject({ unterminated: true, offset: 8 });
    expect(got.at(-1)?.bytes.toString()).toBe('thr');
  });

  it('starts at a line offset; an empty file gives nothing', async () => {
    const text = 'header\nfirst\nsecond\n';
    expectWholeLines(text, await chunks(text, 7), 7);
    expect(await chunks('')).toEqual([]);
  });
});
