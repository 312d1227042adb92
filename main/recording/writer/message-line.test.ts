import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { recordingHeaderFor } from './call-recorder.js';
import { encodeBase64Into } from './base64-into.js';
import { measureMessageLine, writeMessageLine, type MessageEvent } from './message-line.js';
import { createRecordingWriter } from './recording-writer.js';

// A message's line is written as bytes (message-line.ts); readers, replay's sent-line parser,
// diff and mock read the text the writer made before it, a template. That template is kept here
// as the line's spelling: every line written as bytes must be it, byte for byte.
function templateLine(event: Readonly<MessageEvent>, bytes?: Uint8Array): string {
  const dir = event.type === 'sent' ? 'client' : 'server';
  const base64 =
    event.rawDropped !== undefined
      ? undefined
      : (event.raw ?? (bytes === undefined ? undefined : Buffer.from(bytes).toString('base64')));
  const raw = base64 === undefined ? '' : `,"raw":"${base64}"`;
  const error =
    event.decodeError === undefined ? '' : `,"decodeError":${JSON.stringify(event.decodeError)}`;
  const dropped = event.rawDropped === undefined ? '' : `,"rawDropped":"${event.rawDropped}"`;
  const wire =
    event.wireSize === undefined
      ? ''
      : `,"wireSize":${event.wireSize}${event.encoding === undefined ? '' : `,"encoding":${JSON.stringify(event.encoding)}`}`;
  return `{"dir":"${dir}","type":"${event.type}","message":${JSON.stringify(event.message)},"size":${event.size}${wire}${raw}${error}${dropped},"seq":${event.seq},"t":${event.t}}`;
}

/** A deterministic stream of numbers in [0, 1) (the same events every run). */
function numbers(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

function someEvents(count: number): { event: MessageEvent; bytes?: Uint8Array }[] {
  const next = numbers(17);
  const pick = <T>(of: T[]): T => of[Math.floor(next() * of.length)] as T;
  const texts = ['', 'a', 'é☺ and "quotes" \\ \n\t\u0001', '\ud83d\ude00', 'x'.repeat(300)];
  const out: { event: MessageEvent; bytes?: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const event = {
      type: pick(['sent', 'received'] as const),
      message: pick<MessageEvent['message']>([
        null,
        {},
        { text: pick(texts), seq: String(i) },
        [1, 2.5, -0, 'x', true, null, { a: { b: [] } }],
        pick(texts),
        1e21,
      ]),
      size: pick([0, 7, 300, 123_456_789, 2 ** 31, 2 ** 53]),
      seq: pick([0, i, 2 ** 31 - 1, 2 ** 31, 2 ** 53]),
      t: pick([0, 1, 0.001, 12.345, 1922.5168760000015, next() * 1e6, 1e9 + 0.5, 1e21]),
    } as MessageEvent;
    const e = event as { -readonly [K in keyof MessageEvent]?: unknown };
    if (next() < 0.2) e.wireSize = pick([0, 40, 2 ** 40]);
    if (e.wireSize !== undefined && next() < 0.7) e.encoding = pick(['gzip', 'x"odd', 'é']);
    if (next() < 0.15) e.decodeError = pick(texts);
    if (next() < 0.1) e.raw = pick(['', 'AQID', 'Bw==']);
    if (next() < 0.1) e.rawDropped = 'secret';
    const n = Math.floor(next() * 12);
    const bytes =
      next() < 0.8 ? Uint8Array.from({ length: n }, () => Math.floor(next() * 256)) : undefined;
    out.push({ event, ...(bytes ? { bytes } : {}) });
  }
  return out;
}

const tmp = tempDir();
afterAll(() => tmp.remove());

describe("a message's line written as bytes", () => {
  it('is the template spelling byte for byte, every optional part and any number', () => {
    for (const { event, bytes } of someEvents(5000)) {
      const room = measureMessageLine(event, bytes);
      const buf = Buffer.alloc(room + 8, 0xff);
      const end = writeMessageLine(buf, 3, event);
      expect(end - 3).toBeLessThanOrEqual(room);
      expect(buf.toString('utf8', 3, end)).toBe(`${templateLine(event, bytes)}\n`);
      expect(buf[end]).toBe(0xff);
    }
  });

  it('encodes base64 as Buffer does, for every length and byte', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    for (let n = 0; n <= all.length; n++) {
      const src = all.subarray(0, n);
      const dst = Buffer.alloc(400);
      const end = encodeBase64Into(src, dst, 1);
      expect(dst.toString('latin1', 1, end)).toBe(Buffer.from(src).toString('base64'));
    }
  });

  it('is what the recording writer writes, across batches and for lines bigger than one', async () => {
    const path = tmp.file('message-lines.ndjson');
    const header = recordingHeaderFor(
      { registry: exampleSchema().registry, method: '/example.ChatService/Chat', target: 't' },
      path,
    );
    const writer = createRecordingWriter({ path, header, maxBatchBytes: 4096 });
    const expected = [JSON.stringify(header)];
    const events = someEvents(3000);
    const huge = { type: 'received', message: 'é'.repeat(5000), size: 1, seq: 1, t: 1 } as const;
    events.splice(1500, 0, { event: huge, bytes: new Uint8Array(9000).fill(7) });
    for (const { event, bytes } of events) {
      writer.write(event, bytes);
      expected.push(templateLine(event, bytes));
    }
    await writer.close();
    expect(readFileSync(path, 'utf8')).toBe(`${expected.join('\n')}\n`);
  });
});
