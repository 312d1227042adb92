// A big chat recording to search (find tests, engine and unit): written through the real writer.
import { syntheticWriter } from './synthetic.js';

/** 50,000 chat turns: 100,004 events. Every 997th answer carries a quoted "Needle". */
export const NEEDLE_CHAT_TURNS = 50_000;
const TURNS = NEEDLE_CHAT_TURNS;
export const NEEDLE_CHAT_EVENTS = 2 * TURNS + 4;

export const needleAnswer = (i: number): string =>
  i % 997 === 0 ? `Found the Needle "n${i}" in a haystack` : `Hello, u${i}!`;

/** `turns` sent/received pairs between the started/headers and status/ended events. */
export async function writeNeedleChat(path: string, turns = TURNS): Promise<void> {
  const w = syntheticWriter(path, '/example.ChatService/Chat');
  w.put(
    {
      type: 'started',
      at: 0,
      method: w.header.method,
      kind: 'bidi_stream',
      target: 'synthetic:0',
      metadata: [{ key: 'x-trace', value: 'trace-needle-1' }],
    },
    0,
  );
  w.put({ type: 'headers', metadata: [{ key: 'x-served-by', value: 'node-7' }] }, 0.5);
  for (let i = 0; i < turns; i++) {
    w.put({ type: 'sent', message: { sender: `u${i}`, content: 'hi' }, size: 8 }, 1 + i);
    w.put(
      { type: 'received', message: { sender: 'bot', content: needleAnswer(i) }, size: 12 },
      1.5 + i,
    );
  }
  w.put(
    {
      type: 'status',
      status: { code: 5, codeName: 'NOT_FOUND', message: 'no more needles', details: [] },
    },
    turns + 2,
  );
  w.put({ type: 'ended', durationMs: turns + 2 }, turns + 2);
  await w.close();
}
