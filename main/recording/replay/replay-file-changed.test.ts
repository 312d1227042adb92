// Review 29 S-4: a file of recordings that changes as a replay of FILE#N starts (cut by another
// program, N no longer in it) must not leave the replay's call and its new recording open. FILE#N
// is resolved once, before the call (S-7): the steps' first read finds the recording cut.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleSchema, recordCall } from '../recording.testkit.js';
import { replayRecording } from './replay-recording.js';
import { demoReplayFixture } from './replay.testkit.js';

const fixture = demoReplayFixture();
const { tmp } = fixture;

const eventTypes = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .slice(1)
    .map((line) => (JSON.parse(line) as { type: string }).type);

describe('replay of FILE#N when the file changes as it starts', () => {
  it('rejects, and its call and new recording end', async () => {
    const { target, client } = fixture;
    const singles = ['1', '2', '3'].map((id) => tmp.file(`one-${id}.ndjson`));
    for (const [i, out] of singles.entries())
      await recordCall({
        client,
        schema: exampleSchema(),
        method: '/example.UserService/GetUser',
        target,
        requests: [{ id: String(i + 1) }],
        out,
      });
    const pack = tmp.file('changing.recordings');
    writeFileSync(pack, Buffer.concat(singles.map((file) => readFileSync(file))));
    const first = readFileSync(singles[0] as string).length;
    // Read once, just after the call is made: the file is cut to its first recording there.
    const signal = {
      get aborted() {
        truncateSync(pack, first);
        return false;
      },
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    } as unknown as AbortSignal;
    const out = tmp.file('changing.replay.ndjson');
    await expect(
      replayRecording({ recording: `${pack}#3`, client, target, out, speed: 'max', signal }),
    ).rejects.toThrow(`${pack}#3: the file changed as it was read: it now ends at byte`);
    // Closed when the replay rejects: the call cancelled and recorded to its end.
    expect(eventTypes(out).at(-1)).toBe('ended');
  });
});
