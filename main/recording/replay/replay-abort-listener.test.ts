// Review 28 NIT: replay's abort listener must leave the caller's signal (the engine's, one for
// all its replays) however the replay ends, even when closing the recording's reader fails.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleSchema, recordCall } from '../recording.testkit.js';
import { ClientSteps } from './client-steps.js';
import { replayRecording } from './replay-recording.js';
import { demoReplayFixture } from './replay.testkit.js';

const fixture = demoReplayFixture();
const { tmp } = fixture;
afterEach(() => vi.restoreAllMocks());

describe("replay's abort listener", () => {
  it('is taken off the signal when the replay ends, and when closing its reader fails', async () => {
    const { target, client } = fixture;
    const recorded = tmp.file('listener.ndjson');
    await recordCall({
      client,
      schema: exampleSchema(),
      method: '/example.UserService/GetUser',
      target,
      requests: [{ id: '1' }],
      out: recorded,
    });
    const signal = new AbortController().signal;
    const replay = (out: string) =>
      replayRecording({ recording: recorded, client, target, out, speed: 'max', signal });
    await replay(tmp.file('ok.replay.ndjson'));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    // The one failure no real file gives on demand: the reader's close rejecting.
    vi.spyOn(ClientSteps.prototype, 'close').mockRejectedValueOnce(new Error('close failed'));
    await expect(replay(tmp.file('failed.replay.ndjson'))).rejects.toThrow('close failed');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
