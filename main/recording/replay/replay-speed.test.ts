import { describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS } from '../../../shared/recording/speed.js';
import { plainClient } from '../recording.testkit.js';
import { syntheticWriter, twoStrings } from '../testdata/synthetic.js';
import { replayRecording } from './replay-recording.js';
import { demoReplayFixture } from './replay.testkit.js';

// A wait longer than a timer holds fires after 1 ms in Node: at a slow speed, a replay of a long
// recording used to wake its pump a thousand times a second instead of waiting.

const fixture = demoReplayFixture();
const { tmp } = fixture;

/** An Upload whose second record was sent ten thousand seconds after the first. */
async function lateUpload(file: string): Promise<void> {
  const w = syntheticWriter(file, '/example.BatchService/Upload');
  const sent = (key: string, t: number): void => {
    const bytes = twoStrings(key, 'v');
    w.put(
      {
        type: 'sent',
        message: { key, text: 'v' },
        size: bytes.length,
        raw: bytes.toString('base64'),
      },
      t,
    );
  };
  w.put(
    {
      type: 'started',
      at: Date.now(),
      method: w.header.method,
      kind: 'client_stream',
      target: 'late:0',
      metadata: [],
    },
    0,
  );
  sent('early', 0);
  sent('late', 10_000_000);
  w.put({ type: 'half_closed' }, 10_000_001);
  await w.close();
}

describe('replay at a slow speed', () => {
  it('refuses a speed near zero', async () => {
    const file = tmp.file('late.ndjson');
    await lateUpload(file);
    await expect(
      replayRecording({
        recording: file,
        client: fixture.client,
        target: 'x',
        out: tmp.file('never.ndjson'),
        speed: 5e-324,
      }),
    ).rejects.toThrow('replay: the speed must be a number from 0.001 to 1000000');
  });

  it('waits for a far message in timer-sized steps instead of spinning', async () => {
    const file = tmp.file('late2.ndjson');
    await lateUpload(file);
    const client = plainClient(fixture.target);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const replay = replayRecording({
        recording: file,
        client,
        target: fixture.target,
        out: tmp.file('replayed.ndjson'),
        speed: 0.001,
      });
      replay.catch(() => undefined);
      const waits = (): number[] => timers.mock.calls.map(([, ms]) => Number(ms ?? 0));
      // Wait for the replay to reach the far message (it sets a timer at least as long as a timer
      // holds), however long the loaded machine takes to read the recording and send the first.
      await vi.waitFor(() => expect(waits().some((ms) => ms >= MAX_TIMER_MS)).toBe(true), {
        timeout: 25_000,
        interval: 5,
      });
      // A spinning replay's over-long timer fires after 1 ms and sets another: give it a few
      // turns of the event loop (at least 20 ms; more under load only lets a spin show more).
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(waits().filter((ms) => ms > MAX_TIMER_MS)).toEqual([]);
      const long = timers.mock.results.filter((_, i) => waits()[i] === MAX_TIMER_MS);
      expect(long).toHaveLength(1);
      for (const r of long) clearTimeout(r.value as ReturnType<typeof setTimeout>);
    } finally {
      timers.mockRestore();
      client.close();
    }
  }, 60_000);
});
