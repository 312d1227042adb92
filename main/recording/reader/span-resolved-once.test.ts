// A recording's address (FILE#N) is resolved once per reader and its span handed down (review29
// S-7): every layer a reader goes through reads the bytes the address stood for when it was
// resolved, even if the file changed since so that the address would now stand for others.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageCodec } from '../../codec/index.js';
import { findInRecording } from '../find/index.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { ClientSteps } from '../replay/client-steps.js';
import { writeSyntheticChat } from '../testdata/synthetic.js';
import {
  buildRecordingIndex,
  copyRecording,
  EventCursor,
  exportRecording,
  lineBatches,
  readHeader,
  recordingSpan,
  type RecordingSource,
  type RecordingSpan,
} from './index.js';
import { HEADER_START } from './recording-address.js';

const tmp = tempDir();
const singles: string[] = [];
let span: RecordingSpan;

beforeAll(async () => {
  for (const n of [1, 2, 3]) {
    const file = tmp.file(`single-${n}.ndjson`);
    await writeSyntheticChat(file, n + 1);
    singles.push(file);
  }
  const pack = tmp.file('calls.recordings');
  writeFileSync(pack, Buffer.concat(singles.map((f) => readFileSync(f))));
  span = recordingSpan(`${pack}#2`);
  // Changed after: #3's header written another way, so `#2` would now run on into #3's lines.
  const text = readFileSync(pack, 'utf8');
  const third = text.lastIndexOf(`\n${HEADER_START}`) + 1;
  writeFileSync(pack, `${text.slice(0, third)}{"format": ${text.slice(third + 10)}`);
  expect(recordingSpan(`${pack}#2`).end).toBeGreaterThan(span.end as number);
});
afterAll(() => tmp.remove());

const events = async (source: RecordingSource): Promise<unknown[]> => {
  const cursor = new EventCursor(source);
  const out: unknown[] = [];
  for (let e = await cursor.next(); e; e = await cursor.next()) out.push(e.event);
  return out;
};

async function steps(source: RecordingSource): Promise<string[]> {
  const codec = createMessageCodec(exampleSchema().registry, 'example.ChatMessage');
  const reader = new ClientSteps(source, (message) => codec.encode(message));
  const out: string[] = [];
  try {
    while (await reader.more())
      while (reader.step()) out.push(`${reader.kind} ${reader.bytes.toString('hex')}`);
  } finally {
    await reader.close();
  }
  return out;
}

describe('a reader handed a span reads it, whatever its address resolves to now', () => {
  it('header, events, lines, index, find, replay steps, copy and export', async () => {
    const own = singles[1] as string;
    expect(await readHeader(span)).toEqual(await readHeader(own));
    expect(await events(span)).toEqual(await events(own));
    let lines = 0;
    for await (const batch of lineBatches(span)) lines += batch.lines.length;
    expect(lines).toBe(readFileSync(own, 'utf8').split('\n').length - 1);
    const [index, ownIndex] = [await buildRecordingIndex(span), await buildRecordingIndex(own)];
    expect({ ...index, file: '', entries: [] }).toEqual({ ...ownIndex, file: '', entries: [] });
    expect(index.complete).toBe(true);
    const query = 'u1';
    const [found, ownFound] = [
      await findInRecording(span, { query }),
      await findInRecording(own, { query }),
    ];
    expect(found.total).toBe(ownFound.total);
    expect(await steps(span)).toEqual(await steps(own));
    await copyRecording(span, tmp.file('copy.ndjson'));
    expect(readFileSync(tmp.file('copy.ndjson'), 'utf8')).toBe(readFileSync(own, 'utf8'));
    await exportRecording(span, tmp.file('export.ndjson'), 'ndjson');
    expect(readFileSync(tmp.file('export.ndjson'), 'utf8')).toBe(readFileSync(own, 'utf8'));
  });
});

describe('a file cut after the span was resolved', () => {
  it('is an error naming the address, not a recording read short', async () => {
    const pack = tmp.file('cut.recordings');
    writeFileSync(pack, Buffer.concat(singles.map((f) => readFileSync(f))));
    const third = recordingSpan(`${pack}#3`);
    truncateSync(pack, (third.end as number) - 10);
    const changed = `${pack}#3: the file changed as it was read: it now ends at byte`;
    await expect(events(third)).rejects.toThrow(changed);
    await expect(steps(third)).rejects.toThrow(changed);
    await expect(copyRecording(third, tmp.file('cut-copy.ndjson'))).rejects.toThrow(changed);
  });
});
