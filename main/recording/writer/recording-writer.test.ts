import { closeSync, openSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { recordingHeaderFor } from './call-recorder.js';
import { createFileAppender } from './file-appender.js';
import { createRecordingWriter } from './recording-writer.js';
import { serializeEvent } from './serialize-event.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
const schema = exampleSchema();

function header(path: string) {
  return recordingHeaderFor(
    { registry: schema.registry, method: '/example.ChatService/Chat', target: 't' },
    path,
  );
}

describe('the recording writer', () => {
  it('writes every line in order through growing batches, whatever their size', async () => {
    const path = tmp.file('sizes.ndjson');
    const head = header(path);
    const writer = createRecordingWriter({ path, header: head });
    const expected: string[] = [JSON.stringify(head)];
    const sizes = [0, 1, 10, 100, 5_000, 20_000, 100_000, 300_000, 3, 70_000, 2, 1_000_000, 1];
    let seq = 0;
    for (let round = 0; round < 40; round++) {
      for (const n of sizes) {
        const text = `${round}${'é☺'.repeat(n % 7)}${'x'.repeat(n)}`;
        const event = {
          type: 'received',
          message: { content: text },
          size: 1,
          seq: seq++,
          t: round,
        } as CallEvent;
        writer.write(event);
        expected.push(serializeEvent(event));
        // A replayed line: the recorded line up to its seq, with new numbers.
        const line = Buffer.from(`xx{"dir":"client","type":"sent","message":"${text}"yy`);
        writer.writeWithSeqAndTime(line, 2, line.length - 2, seq, round + 0.5);
        expected.push(
          `{"dir":"client","type":"sent","message":"${text}","seq":${seq++},"t":${round + 0.5}}`,
        );
      }
    }
    await writer.close();
    const got = readFileSync(path, 'utf8').split('\n');
    expect(got.length).toBe(expected.length + 1);
    const firstDifference = got.findIndex((line, i) => line !== (expected[i] ?? ''));
    expect(firstDifference).toBe(-1);
  });

  it('close() rejects with the write error; nothing is written after it', async () => {
    const path = tmp.file('readonly.bin');
    closeSync(openSync(path, 'w'));
    const fd = openSync(path, 'r'); // writes fail with EBADF
    try {
      const appender = createFileAppender(fd, 0, path);
      appender.append(Buffer.from('a'));
      appender.append(Buffer.from('b'));
      await appender.drained();
      expect(appender.failure?.message).toMatch(/cannot write recording .*readonly\.bin: EBADF/);
    } finally {
      closeSync(fd);
    }
  });
});
