// The data rows a run is given are bounded at the contract: columns per row and text in all, so a
// run (which keeps its rows for every iteration) cannot be handed an unbounded table.
import { describe, expect, it } from 'vitest';
import { runnerStartInputSchema } from '../../shared/contract/runner-commands.js';

const start = (data: Record<string, string>[]) =>
  runnerStartInputSchema.safeParse({ target: 'users', data });

describe('runner.start data bounds', () => {
  it('takes rows within the bounds', () => {
    expect(start([{ userId: '1' }, { userId: '2' }]).success).toBe(true);
  });

  it('refuses a row of more than 1000 columns', () => {
    const wide = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`c${i}`, 'x']));
    const result = start([wide]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('a data row has at most 1000 columns');
  });

  it('refuses rows holding more than 64 MiB of text in all', () => {
    const value = 'x'.repeat(1 << 20);
    const rows = Array.from({ length: 65 }, () => ({ big: value }));
    const result = start(rows);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('the data rows hold more than 64 MiB of text');
  });
});
