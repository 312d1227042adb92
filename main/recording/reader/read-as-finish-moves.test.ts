// A live recording read by a reader in another process than its recorder, while the recorder
// finishes it: replace-header.ts moves every event up in 1 MiB chunks, last chunk first. Between two
// chunks, the bytes before a read are still where they were (the reader's check of them passes)
// but a read across the chunk that moved and the one that did not sees some lines twice. Events
// are told by their seqs, which only go up in a recording: such a read is an error, never events
// handed on twice.
import { closeSync, openSync, readSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { EventCursor } from './index.js';
import { lineChunks } from './line-chunks.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const MOVE_CHUNK = 1024 * 1024; // replace-header.ts's
const HEADER = JSON.stringify({
  format: 'gwb-recording',
  version: 1,
  method: '/example.LogService/Tail',
  kind: 'server_stream',
  target: 'localhost:50051',
  startedAt: 0,
  metadata: [],
  files: [],
});

/**
 * Every event line LINE bytes long (newline included), which divides MOVE_CHUNK: the moved chunk
 * then starts at a line's start, and a shift of whole lines makes the read across it see whole
 * lines twice (a shift of any other size splices two lines into one, most often not JSON).
 */
const LINE = 128;
function eventLine(seq: number): string {
  const line = (text: string): string =>
    JSON.stringify({ dir: 'server', type: 'received', message: { text }, size: 62, seq, t: seq });
  return line('x'.repeat(LINE - 1 - line('').length));
}

/** As replace-header.ts's moveUp does first: the last MOVE_CHUNK bytes of `size`, `shift` up. */
function moveLastChunkUp(path: string, size: number, shift: number): void {
  const fd = openSync(path, 'r+');
  try {
    const chunk = Buffer.alloc(MOVE_CHUNK);
    readSync(fd, chunk, 0, chunk.length, size - chunk.length);
    writeSync(fd, chunk, 0, chunk.length, size - chunk.length + shift);
  } finally {
    closeSync(fd);
  }
}

it('read while its recorder moves its events up, a chunk moved and the one before not: said, no event twice', async () => {
  const path = tmp.file('moving.ndjson');
  const count = 40_000; // ~4 MiB: the move takes several chunks
  const text = `${HEADER}\n${Array.from({ length: count }, (_, seq) => eventLine(seq)).join('\n')}\n`;
  writeFileSync(path, text);
  const size = Buffer.byteLength(text);
  const cursor = new EventCursor(path);
  let moved = false;
  let events = 0;
  const readAll = async (): Promise<void> => {
    for (let e = await cursor.next(); e; e = await cursor.next()) {
      events++;
      // Each batch is one read (256 KiB): once the reads are within one read of the moved chunk,
      // the next read spans it and the chunk before it, which is still where it was.
      if (!moved && e.offset > size - MOVE_CHUNK - 200 * 1024) {
        moved = true;
        moveLastChunkUp(path, size, 3 * LINE);
      }
    }
  };
  await expect(readAll()).rejects.toThrow(
    /the event's seq \d+ does not follow seq \d+ of the event before it .*the recording changed as it was read .*open it again/,
  );
  expect(moved).toBe(true);
  expect(events).toBeLessThan(count);
});

it('cut below what was read once the reads have ended: said', async () => {
  const path = tmp.file('cut.ndjson');
  const lines = Array.from({ length: 1000 }, (_, seq) => eventLine(seq));
  writeFileSync(path, `${HEADER}\n${lines.join('\n')}\n`);
  const chunks = lineChunks(path, { readSize: 4096 });
  await chunks.next();
  // The reads after the first now find the file's end at once: it is told by what was read.
  truncateSync(path, 2000);
  const rest = async (): Promise<void> => {
    for await (const _ of chunks) void _;
  };
  await expect(rest()).rejects.toThrow('the file changed as it was read: it now ends at byte 2000');
});
