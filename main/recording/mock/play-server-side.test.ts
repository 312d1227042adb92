import { afterAll, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS } from '../../../shared/recording/speed.js';
import type { CallEvent } from '../../../shared/calls/events.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { twoStrings } from '../testdata/synthetic.js';
import { recordingHeaderFor } from '../writer/call-recorder.js';
import { createRecordingWriter } from '../writer/recording-writer.js';
import { loadMockCatalog } from './mock-catalog.js';
import { startMockServer } from './mock-server.js';
import { playServerSide, type ServerCallSink } from './play-server-side.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** A server stream whose one message came ten thousand seconds after the call started. */
async function lateMessageRecording(file: string): Promise<void> {
  const method = '/example.ChatService/Chat';
  const header = recordingHeaderFor(
    { registry: exampleSchema().registry, method, target: 'late:0' },
    file,
  );
  const w = createRecordingWriter({ path: file, header });
  const bytes = twoStrings('Workbench', 'late');
  const events: Array<Record<string, unknown>> = [
    {
      type: 'started',
      t: 0,
      at: Date.now(),
      method,
      kind: 'bidi_stream',
      target: 'late:0',
      metadata: [],
    },
    {
      type: 'received',
      t: 10_000_000,
      message: { sender: 'Workbench', content: 'late' },
      size: bytes.length,
      raw: bytes.toString('base64'),
    },
    {
      type: 'status',
      t: 10_000_001,
      status: { code: 0, codeName: 'OK', message: 'OK', details: [] },
    },
  ];
  events.forEach((e, seq) => w.write({ ...e, seq } as unknown as CallEvent));
  await w.close();
}

describe("the mock's player", () => {
  it('refuses a speed near zero instead of spinning', async () => {
    const file = tmp.file('late.ndjson');
    await lateMessageRecording(file);
    await expect(startMockServer({ recordings: [file], speed: 5e-324 })).rejects.toThrow(
      'mock: the speed must be a number from 0.001 to 1000000 (1 = as recorded) or max, not 5e-324',
    );
  });

  it('keeps a wait longer than a timer holds instead of sending at once', async () => {
    const file = tmp.file('late2.ndjson');
    await lateMessageRecording(file);
    const entry = (await loadMockCatalog([file])).byMethod.get('/example.ChatService/Chat')?.[0];
    if (!entry) throw new Error('the recording was not catalogued');
    const writes: Buffer[] = [];
    let cancelled = false;
    const sink: ServerCallSink = {
      sendHeaders: () => undefined,
      write: async (bytes) => void writes.push(bytes),
      finish: () => undefined,
      isCancelled: () => cancelled,
      clientDone: Promise.resolve(),
    };
    // 10,000 s at the slowest speed is 10^10 ms: beyond a timer, which fires such a wait after
    // 1 ms, so the player would wake a thousand times a second for weeks.
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      void playServerSide(entry, sink, 0.001);
      const waits = (): number[] => timers.mock.calls.map(([, ms]) => Number(ms ?? 0));
      // Wait for the player to reach the far message (a timer at least as long as a timer holds),
      // however long a loaded machine takes to get there.
      await vi.waitFor(() => expect(waits().some((ms) => ms >= MAX_TIMER_MS)).toBe(true), {
        timeout: 25_000,
        interval: 5,
      });
      // A spinning player's over-long timer fires after 1 ms and sets another: give it a few
      // turns of the event loop (at least 20 ms; more under load only lets a spin show more).
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(waits().filter((ms) => ms > MAX_TIMER_MS)).toEqual([]);
      expect(waits().filter((ms) => ms === MAX_TIMER_MS)).toHaveLength(1);
      expect(writes).toEqual([]);
    } finally {
      timers.mockRestore();
      cancelled = true;
    }
  }, 60_000);
});
