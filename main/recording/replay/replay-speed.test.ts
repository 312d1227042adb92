import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { MAX_TIMER_MS } from '../../../shared/recording/speed.js';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { exampleSchema, plainClient, tempDir } from '../recording.testkit.js';
import { twoStrings } from '../testdata/synthetic.js';
import { recordingHeaderFor } from '../writer/call-recorder.js';
import { createRecordingWriter } from '../writer/recording-writer.js';
import { replayRecording } from './replay-recording.js';

// A wait longer than a timer holds fires after 1 ms in Node: at a slow speed, a replay of a long
// recording used to wake its pump a thousand times a second instead of waiting.

const tmp = tempDir();
let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await demo.close();
  tmp.remove();
});

/** An Upload whose second record was sent ten thousand seconds after the first. */
async function lateUpload(file: string): Promise<void> {
  const method = '/example.BatchService/Upload';
  const header = recordingHeaderFor(
    { registry: exampleSchema().registry, method, target: 'late:0' },
    file,
  );
  const w = createRecordingWriter({ path: file, header });
  const sent = (key: string, t: number) => {
    const bytes = twoStrings(key, 'v');
    return {
      type: 'sent',
      t,
      message: { key, text: 'v' },
      size: bytes.length,
      raw: bytes.toString('base64'),
    };
  };
  const events: Array<Record<string, unknown>> = [
    {
      type: 'started',
      t: 0,
      at: Date.now(),
      method,
      kind: 'client_stream',
      target: 'late:0',
      metadata: [],
    },
    sent('early', 0),
    sent('late', 10_000_000),
    { type: 'half_closed', t: 10_000_001 },
  ];
  events.forEach((e, seq) => w.write({ ...e, seq } as unknown as CallEvent));
  await w.close();
}

describe('replay at a slow speed', () => {
  it('refuses a speed near zero', async () => {
    const file = tmp.file('late.ndjson');
    await lateUpload(file);
    await expect(
      replayRecording({
        recording: file,
        client: plainClient(`127.0.0.1:${demo.port}`),
        target: 'x',
        out: tmp.file('never.ndjson'),
        speed: 5e-324,
      }),
    ).rejects.toThrow('replay: the speed must be a number from 0.001 to 1000000');
  });

  it('waits for a far message in timer-sized steps instead of spinning', async () => {
    const file = tmp.file('late2.ndjson');
    await lateUpload(file);
    const client = plainClient(`127.0.0.1:${demo.port}`);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const replay = replayRecording({
        recording: file,
        client,
        target: `127.0.0.1:${demo.port}`,
        out: tmp.file('replayed.ndjson'),
        speed: 0.001,
      });
      replay.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const waits = timers.mock.calls.map(([, ms]) => Number(ms ?? 0));
      expect(waits.filter((ms) => ms > MAX_TIMER_MS)).toEqual([]);
      const long = timers.mock.results.filter((_, i) => waits[i] === MAX_TIMER_MS);
      expect(long).toHaveLength(1);
      for (const r of long) clearTimeout(r.value as ReturnType<typeof setTimeout>);
    } finally {
      timers.mockRestore();
      client.close();
    }
  });
});
