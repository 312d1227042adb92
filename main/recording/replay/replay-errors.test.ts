import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EventCursor } from '../reader/index.js';
import { exampleSchema, recordCall } from '../recording.testkit.js';
import { replayRecording } from './replay-recording.js';
import { demoReplayFixture } from './replay.testkit.js';

const fixture = demoReplayFixture();
const { tmp } = fixture;

describe('a recording that cannot be replayed to the end', () => {
  it('a corrupt line stops the replay with file and line; the call and the new recording are closed', async () => {
    const { target, client } = fixture;
    const recorded = tmp.file('corrupt.ndjson');
    await recordCall({
      client,
      schema: exampleSchema(),
      method: '/example.ChatService/Chat',
      target,
      requests: [{ sender: 'a' }, { sender: 'b' }, { sender: 'c' }],
      out: recorded,
    });
    const lines = readFileSync(recorded, 'utf8').split('\n');
    const second = lines.findIndex((l, i) => l.includes('"type":"sent"') && i > 2);
    lines[second] = (lines[second] as string).replace('"type":"sent"', '"type":"sent');
    writeFileSync(recorded, lines.join('\n'));
    const out = tmp.file('corrupt.replay.ndjson');
    await expect(
      replayRecording({ recording: recorded, client, target, out, speed: 'max' }),
    ).rejects.toThrow(new RegExp(`corrupt\\.ndjson:${second + 1}: not valid JSON`));
    const types: string[] = [];
    const cursor = new EventCursor(out);
    for (let item = await cursor.next(); item; item = await cursor.next())
      types.push(
        item.event.type === 'status' ? `status ${item.event.status.codeName}` : item.event.type,
      );
    expect(types[0]).toBe('started');
    expect(types.filter((t) => t === 'sent').length).toBeGreaterThanOrEqual(1);
    expect(types.slice(-2)).toEqual(['status CANCELLED', 'ended']);
  });
});
