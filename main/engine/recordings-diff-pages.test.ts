// recording.diff through the router: pages of differing messages with both sides' JSON.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDiffPair } from '../recording/testdata/diff-pair.js';
import { syntheticWriter } from '../recording/testdata/synthetic.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';
import { MAX_DIFF_BODY } from './recordings.js';

let kit: EngineKit;
const folder = 'example.ChatService/Chat';
const a = `${folder}/a.ndjson`;
const b = `${folder}/b.ndjson`;

beforeAll(async () => {
  kit = startEngineKit();
  const { dir } = await kit.call('recording.list', {});
  mkdirSync(join(dir, folder), { recursive: true });
  await writeDiffPair(join(dir, a), join(dir, b));
  for (const [name, text] of [
    ['big-a.ndjson', 'x'],
    ['big-b.ndjson', 'y'],
  ] as const) {
    const w = syntheticWriter(join(dir, folder, name), '/example.ChatService/Chat');
    w.put({ type: 'received', message: { content: text.repeat(MAX_DIFF_BODY) }, size: 1 }, 0);
    await w.close();
  }
});

afterAll(async () => {
  await kit.close();
});

describe('recording.diff pages', () => {
  it('answers the page asked for, with the total and both messages', async () => {
    const { diff } = await kit.call('recording.diff', {
      a,
      b,
      ignore: ['at'],
      messagesFrom: 2,
      messagesLimit: 2,
    });
    expect(diff.messagesTotal).toBe(1 + 7 + 1);
    expect(diff.messagesFrom).toBe(2);
    expect(diff.messages.map((m) => [m.side, m.index])).toEqual([
      ['server', 8],
      ['server', 12],
    ]);
    expect(diff.messages[0]).toMatchObject({
      a: { content: 'Hello, u8', at: '1:8' },
      b: { content: 'Bye, u8', at: '2:8' },
      fields: [{ path: 'content' }],
    });
  });

  it('a message too big for the window is named by its size, not sent', async () => {
    const { diff } = await kit.call('recording.diff', {
      a: `${folder}/big-a.ndjson`,
      b: `${folder}/big-b.ndjson`,
    });
    expect(diff.messages[0]).not.toHaveProperty('a');
    expect(diff.messages[0]?.tooLarge).toBeGreaterThan(MAX_DIFF_BODY);
    expect(diff.messages[0]?.fields[0]?.path).toBe('content');
  });
});
