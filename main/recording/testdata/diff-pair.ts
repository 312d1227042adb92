// Two small recordings of one Chat that differ in known ways, for the paged diff (unit, engine, e2e).
import { syntheticWriter } from './synthetic.js';

export const DIFF_PAIR_TURNS = 30;

/**
 * `a` and `b`: the same 30 client messages except #2 (`content` differs) in b; server answers with
 * `at` different in every one (an ignorable timestamp), `content` different in every 4th, and b
 * has one extra answer at the end.
 */
export async function writeDiffPair(a: string, b: string): Promise<void> {
  for (const [file, second] of [
    [a, false],
    [b, true],
  ] as const) {
    const w = syntheticWriter(file, '/example.ChatService/Chat');
    w.put(
      {
        type: 'started',
        at: 0,
        method: w.header.method,
        kind: 'bidi_stream',
        target: 'synthetic:0',
        metadata: [],
      },
      0,
    );
    const turns = DIFF_PAIR_TURNS + (second ? 1 : 0);
    for (let i = 1; i <= turns; i++) {
      if (i <= DIFF_PAIR_TURNS)
        w.put(
          {
            type: 'sent',
            message: { sender: `u${i}`, content: second && i === 2 ? 'changed' : 'hi' },
            size: 8,
          },
          i,
        );
      const content = second && i % 4 === 0 ? `Bye, u${i}` : `Hello, u${i}`;
      w.put(
        {
          type: 'received',
          message: { sender: 'bot', content, at: `${second ? 2 : 1}:${i}` },
          size: 12,
        },
        i + 0.5,
      );
    }
    w.put({ type: 'status', status: { code: 0, codeName: 'OK', message: '', details: [] } }, 99);
    w.put({ type: 'ended', durationMs: 99 }, 99);
    await w.close();
  }
}
