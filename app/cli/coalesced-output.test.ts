import { describe, expect, it } from 'vitest';
import { coalescedOutput } from './coalesced-output.js';

function recorder(): { writes: string[]; sink: { write(s: string): boolean } } {
  const writes: string[] = [];
  return { writes, sink: { write: (s: string) => writes.push(s) > 0 } };
}
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('coalesced stdout', () => {
  it('writes what one turn of the event loop printed in one write, at the end of the turn', async () => {
    const out = recorder();
    const err = recorder();
    const io = coalescedOutput(out.sink, err.sink);
    for (let i = 0; i < 1000; i++) io.stdout.write(`{"seq":${i}}\n`);
    expect(out.writes).toEqual([]);
    await nextTurn();
    expect(out.writes).toHaveLength(1);
    expect(out.writes[0]!.split('\n')).toHaveLength(1001);
    io.stdout.write('later\n');
    await nextTurn();
    expect(out.writes).toEqual([out.writes[0], 'later\n']);
  });

  it('writes at once past 64 KiB, so a big burst is not held in memory', () => {
    const out = recorder();
    const io = coalescedOutput(out.sink, recorder().sink);
    io.stdout.write('x'.repeat(70_000));
    expect(out.writes).toHaveLength(1);
  });

  it('keeps stdout before a later stderr line, and flush() writes what is held', () => {
    const order: string[] = [];
    const io = coalescedOutput(
      { write: (s: string) => order.push(`out:${s}`) },
      { write: (s: string) => order.push(`err:${s}`) },
    );
    io.stdout.write('response\n');
    io.stderr.write('ERROR:\n');
    io.stdout.write('tail\n');
    io.flush();
    expect(order).toEqual(['out:response\n', 'err:ERROR:\n', 'out:tail\n']);
  });
});
