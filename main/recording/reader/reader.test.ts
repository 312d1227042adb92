import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { diffRecordings } from '../diff/index.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { recordingHeaderFor } from '../writer/call-recorder.js';
import { createRecordingWriter } from '../writer/recording-writer.js';
import { syntheticWriter } from '../testdata/synthetic.js';
import {
  buildRecordingIndex,
  EventCursor,
  exportRecording,
  importRecording,
  readEventsAt,
  readHeader,
} from './index.js';

const tmp = tempDir();
const N = 2500;
let file: string;

/** A synthetic server-stream recording: N messages, one every 2 ms. */
async function writeSynthetic(path: string): Promise<void> {
  const w = syntheticWriter(path, '/example.LogService/Tail');
  w.put(
    {
      type: 'started',
      at: 0,
      method: w.header.method,
      kind: 'server_stream',
      target: 'test:1',
      metadata: [],
    },
    0,
  );
  w.put({ type: 'sent', message: { lines: N }, size: 3 }, 0.1);
  w.put({ type: 'half_closed' }, 0.2);
  for (let i = 1; i <= N; i++)
    w.put({ type: 'received', message: { seq: String(i), text: `line ${i}` }, size: 10 }, i * 2);
  w.put(
    { type: 'status', status: { code: 0, codeName: 'OK', message: '', details: [] } },
    N * 2 + 1,
  );
  w.put({ type: 'ended', durationMs: N * 2 + 1 }, N * 2 + 1);
  await w.close();
}
beforeAll(async () => {
  file = tmp.file('synthetic.ndjson');
  await writeSynthetic(file);
});
afterAll(() => tmp.remove());

describe('recording reader', () => {
  it('indexes a recording and pages to a time or a sequence number', async () => {
    const index = await buildRecordingIndex(file, 100);
    expect(index.count).toBe(N + 5);
    expect(index.received).toBe(N);
    expect(index.complete).toBe(true);
    expect(index.status?.codeName).toBe('OK');
    expect(index.entries.length).toBe(Math.ceil((N + 5) / 100));
    const atTime = await readEventsAt(index, { t: 3001, limit: 3 });
    expect(atTime.map((e) => e.type === 'received' && e.message)).toEqual([
      { seq: '1501', text: 'line 1501' },
      { seq: '1502', text: 'line 1502' },
      { seq: '1503', text: 'line 1503' },
    ]);
    const bySeq = await readEventsAt(index, { seq: 1234, limit: 2 });
    expect(bySeq.map((e) => e.seq)).toEqual([1234, 1235]);
    expect((await readEventsAt(index, { seq: N + 4, limit: 10 })).map((e) => e.type)).toEqual([
      'ended',
    ]);
  });

  it('a cut last line (crash) is dropped and reported; everything before it reads', async () => {
    const cut = tmp.file('cut.ndjson');
    const text = readFileSync(file, 'utf8');
    writeFileSync(cut, text.slice(0, text.lastIndexOf('"type":"received"') + 12));
    const index = await buildRecordingIndex(cut);
    expect(index.truncatedAt).toBe(N + 4); // lines: header, started, sent, half_closed, then the N received
    expect(index.received).toBe(N - 1);
    expect(index.complete).toBe(false);
  });

  it('a corrupt line in the middle is an error naming file and line', async () => {
    const bad = tmp.file('bad.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[9] = '{"dir":"server","type":"received","seq":"x"}';
    writeFileSync(bad, lines.join('\n'));
    await expect(buildRecordingIndex(bad)).rejects.toThrow(
      /bad\.ndjson:10: not a recording event: seq: /,
    );
    lines[9] = 'garbage';
    writeFileSync(bad, lines.join('\n'));
    await expect(buildRecordingIndex(bad)).rejects.toThrow(/bad\.ndjson:10: not valid JSON/);
    writeFileSync(bad, '{"format":"other"}\n');
    await expect(readHeader(bad)).rejects.toThrow(
      /bad\.ndjson:1: not a gwb recording header: format/,
    );
  });

  it('exports as one JSON document and imports it back unchanged; NDJSON export is a copy', async () => {
    const json = tmp.file('export.json');
    await exportRecording(file, json, 'json');
    const doc = JSON.parse(readFileSync(json, 'utf8')) as {
      header: { method: string };
      events: unknown[];
    };
    expect(doc.header.method).toBe('/example.LogService/Tail');
    expect(doc.events).toHaveLength(N + 5);
    const back = tmp.file('imported.ndjson');
    const header = await importRecording(json, back);
    expect(header.method).toBe('/example.LogService/Tail');
    expect((await diffRecordings(file, back)).identical).toBe(true);
    const copy = tmp.file('copy.ndjson');
    await exportRecording(file, copy, 'ndjson');
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(file, 'utf8'));
    const again = tmp.file('reimported.ndjson');
    await importRecording(copy, again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it('refuses to import something that is not a recording', async () => {
    const junk = tmp.file('junk.json');
    writeFileSync(junk, '{"header": {"format": "gwb-recording"}, "events": []}');
    await expect(importRecording(junk, tmp.file('x.ndjson'))).rejects.toThrow(
      /junk\.json: header: version/,
    );
  });

  it('a JSON export whose seqs do not go up: refused at import, as its readers would refuse it', async () => {
    const doc = JSON.parse(readFileSync(tmp.file('export.json'), 'utf8')) as {
      events: { seq: number }[];
    };
    (doc.events[3] as { seq: number }).seq = 1;
    const edited = tmp.file('seq-back.json');
    writeFileSync(edited, JSON.stringify(doc));
    await expect(importRecording(edited, tmp.file('y.ndjson'))).rejects.toThrow(
      /seq-back\.json: events\[3\]: seq 1 does not follow seq 2 of the event before it/,
    );
  });

  it('seqs with gaps are read (events dropped as they came); a seq repeated is refused', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const seqOf = (i: number): number => (JSON.parse(lines[i] as string) as { seq: number }).seq;
    const withSeq = (i: number, seq: number): string =>
      (lines[i] as string).replace(/"seq":\d+/, `"seq":${seq}`);
    // Every seq after the first event's 10 up: one gap of 10.
    const events = lines.slice(1, -1); // the file ends with a newline
    const gaps = tmp.file('gaps.ndjson');
    const shifted = events.map((_, k) => (k === 0 ? events[0] : withSeq(k + 1, seqOf(k + 1) + 10)));
    writeFileSync(gaps, `${[lines[0], ...shifted].join('\n')}\n`);
    const seqs: number[] = [];
    const cursor = new EventCursor(gaps);
    for (let e = await cursor.next(); e; e = await cursor.next()) seqs.push(e.event.seq);
    expect(seqs).toEqual(events.map((_, k) => seqOf(k + 1) + (k === 0 ? 0 : 10)));
    const repeated = tmp.file('repeated.ndjson');
    writeFileSync(
      repeated,
      [...lines.slice(0, 3), withSeq(3, seqOf(2)), ...lines.slice(4)].join('\n'),
    );
    const readAll = async (): Promise<void> => {
      const again = new EventCursor(repeated);
      while (await again.next());
    };
    await expect(readAll()).rejects.toThrow(
      `repeated.ndjson:4: the event's seq ${seqOf(2)} does not follow seq ${seqOf(2)} of the event before it`,
    );
  });

  it('lines that span read chunks come out whole', async () => {
    const big = tmp.file('big-lines.ndjson');
    const schema = exampleSchema();
    const header = recordingHeaderFor(
      { registry: schema.registry, method: '/example.LogService/Tail', target: 't' },
      big,
    );
    const writer = createRecordingWriter({ path: big, header });
    const text = 'é'.repeat(300_000); // 600 KB per line: crosses several 256 KB chunks, multi-byte at the edges
    for (let i = 0; i < 3; i++)
      writer.write({
        type: 'received',
        message: { text: `${i}${text}` },
        size: 1,
        seq: i,
        t: i,
      } as CallEvent);
    await writer.close();
    const cursor = new EventCursor(big);
    const got: string[] = [];
    for (let item = await cursor.next(); item; item = await cursor.next()) {
      const m = item.event.type === 'received' ? (item.event.message as { text: string }).text : '';
      got.push(`${m[0]}:${m.length}`);
    }
    expect(got).toEqual(['0:300001', '1:300001', '2:300001']);
  });
});

describe('recording writer', () => {
  it('puts a lone event on disk within the flush interval, with no further writes or close', async () => {
    const path = tmp.file('timer.ndjson');
    const schema = exampleSchema();
    const header = recordingHeaderFor(
      { registry: schema.registry, method: '/example.UserService/GetUser', target: 't' },
      path,
    );
    const lines = (): number => readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
    // The flush timer on a fake clock: "within the interval" is then exact, however late a loaded
    // machine would fire a real one. The write itself still goes to the real file.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const writer = createRecordingWriter({ path, header, flushIntervalMs: 50 });
    try {
      writer.write({ type: 'half_closed', seq: 0, t: 0 } as CallEvent);
      expect(lines()).toBe(1);
      vi.advanceTimersByTime(49);
      await turns(20);
      expect(lines(), 'written before the flush interval passed').toBe(1);
      vi.advanceTimersByTime(1);
      // Writes run on libuv's thread pool: wait (on the real clock) for this one to land.
      const giveUpAt = Date.now() + 10_000;
      while (lines() < 2) {
        if (Date.now() > giveUpAt) throw new Error('the event never reached the file');
        await turns(1);
      }
    } finally {
      vi.useRealTimers();
    }
    expect(JSON.parse(readFileSync(path, 'utf8').split('\n')[1] as string)).toEqual({
      dir: 'client',
      type: 'half_closed',
      seq: 0,
      t: 0,
    });
    await writer.close();
  });
});

/** Lets `n` turns of the event loop go by (setImmediate: not faked above). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}
