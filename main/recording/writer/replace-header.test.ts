import { readFileSync, renameSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { buildRecordingIndex } from '../reader/recording-index.js';
import { readHeader } from '../reader/event-reader.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { recordingHeaderFor } from './call-recorder.js';
import { createRecordingWriter } from './recording-writer.js';
import { serializeEvent } from './serialize-event.js';

// A recorder learns of more schema files while the call runs (the types packed in Anys) and
// replaces the header at close: every event line must survive the move, byte for byte.

const tmp = tempDir();
afterAll(() => tmp.remove());
const schema = exampleSchema();
const head = (path: string) =>
  recordingHeaderFor(
    { registry: schema.registry, method: '/example.ChatService/Chat', target: 't' },
    path,
  );

function event(seq: number, text: string): CallEvent {
  return { type: 'received', message: { content: text }, size: 1, seq, t: seq } as CallEvent;
}

describe('replacing the header at close', () => {
  it.each([
    ['a longer header, events spanning several move chunks', 3_000, 2_000_000],
    ['a longer header, a few events', 3, 10],
    ['a shorter header (padded)', 3, -1],
  ])('%s', async (_what, count, grow) => {
    const path = tmp.file(`replace-${count}-${grow}.ndjson`);
    const first = head(path);
    const writer = createRecordingWriter({ path, header: first });
    const lines: string[] = [];
    for (let seq = 1; seq <= count; seq++) {
      const e = event(seq, `${seq}:${'x'.repeat(seq % 997)}`);
      writer.write(e);
      lines.push(serializeEvent(e));
    }
    // Moved while open, as gwb -record moves its file into place: the descriptor still writes it.
    const moved = `${path}.moved`;
    renameSync(path, moved);
    const final =
      grow > 0
        ? { ...first, files: [...first.files, 'A'.repeat(grow)] }
        : { ...first, files: first.files.slice(1) };
    await writer.close(final);

    expect(await readHeader(moved)).toEqual(final);
    const text = readFileSync(moved, 'utf8').split('\n');
    expect(text.slice(1, -1)).toEqual(lines);
    // The index kept while writing points at the lines where they are now.
    const fresh = await buildRecordingIndex(moved);
    const kept = writer.index();
    expect(kept?.header).toEqual(final);
    expect(kept?.entries).toEqual(fresh.entries);
    expect(kept?.count).toBe(count);
  });
});
