import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { DIFF_PAIR_TURNS, writeDiffPair } from '../testdata/diff-pair.js';
import { diffRecordings } from './index.js';

const tmp = tempDir();
const a = tmp.file('a.ndjson');
const b = tmp.file('b.ndjson');
beforeAll(() => writeDiffPair(a, b));
afterAll(() => tmp.remove());

describe('a long diff described a page at a time', () => {
  it('numbers differences client side first, then server, and keeps both messages of the page', async () => {
    const first = await diffRecordings(a, b, { maxReported: 3 });
    expect(first.client).toEqual({
      matching: DIFF_PAIR_TURNS - 1,
      differing: 1,
      missing: 0,
      extra: 0,
    });
    expect(first.server).toEqual({ matching: 0, differing: DIFF_PAIR_TURNS, missing: 0, extra: 1 });
    expect(first.messages.map((m) => [m.side, m.index, m.kind])).toEqual([
      ['client', 2, 'differs'],
      ['server', 1, 'differs'],
      ['server', 2, 'differs'],
    ]);
    expect(first.messages[0]).toMatchObject({
      a: { sender: 'u2', content: 'hi' },
      b: { sender: 'u2', content: 'changed' },
      fields: [{ path: 'content', a: 'hi', b: 'changed' }],
    });

    const last = await diffRecordings(a, b, { skipReported: 29, maxReported: 5 });
    expect(last.messages.map((m) => [m.side, m.index, m.kind])).toEqual([
      ['server', 29, 'differs'],
      ['server', 30, 'differs'],
      ['server', 31, 'extra'],
    ]);
    // An extra message has only its right side.
    expect(last.messages[2]).toMatchObject({ b: { content: 'Hello, u31' } });
    expect(last.messages[2]).not.toHaveProperty('a');
  });

  it('ignore paths leave those fields out of the differing paths', async () => {
    const ignored = await diffRecordings(a, b, { ignore: ['at'], maxReported: 100 });
    expect(ignored.server.differing).toBe(7); // answers 4, 8, … 28
    const server = ignored.messages.filter((m) => m.side === 'server' && m.kind === 'differs');
    expect(server.map((m) => m.index)).toEqual([4, 8, 12, 16, 20, 24, 28]);
    expect(server.every((m) => m.fields.map((f) => f.path).join() === 'content')).toBe(true);
    // The whole message is still there to show, ignored field and all.
    expect(server[0]?.a).toMatchObject({ at: '1:4' });
  });
});
