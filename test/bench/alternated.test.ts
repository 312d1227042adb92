// bench:proxy's measuring loop: the CPU per call it prints must be each way's CPU over the calls of
// every round that way ran (a third of the real figure was printed once, review33-a M1), rounds
// must alternate, and a round other processes disturbed must be run again, not kept.
import { describe, expect, it } from 'vitest';
import {
  DISTURBED_RETRIES,
  disturbed,
  measureAlternated,
  type CpuMs,
  type MeasuredWay,
} from '../../bench/_alternated.js';
import type { RoundCpu } from '../../bench/_machine-cpu.js';

interface Round {
  way: number;
  rate: number;
  roundCpu: RoundCpu;
}

const quiet = (otherCores: number): RoundCpu => ({
  clientUs: 1,
  serverUs: 1,
  middleUs: 1,
  busyCores: 1,
  otherCores,
  cores: 2,
});

/**
 * A way whose process spends 10 ms user and 5 ms kernel a round (and 3 ms on its main thread),
 * whose rounds give `rates` in turn and are disturbed by others when `others` says so.
 */
function fakeWay(
  way: number,
  order: number[],
  rates: number[],
  others: (run: number) => number = () => 0,
): MeasuredWay & { run: () => Promise<Round> } {
  const spent: CpuMs = { user: 0, system: 0, main: 0 };
  let runs = 0;
  return {
    cpu: () => Promise.resolve({ ...spent }),
    run: () => {
      const n = runs++;
      order.push(way);
      spent.user += 10;
      spent.system += 5;
      spent.main += 3;
      return Promise.resolve({ way, rate: rates[n] ?? 0, roundCpu: quiet(others(n)) });
    },
  };
}

describe('measureAlternated', () => {
  it('alternates the ways’ rounds, keeps each way’s best and its CPU per unit over its rounds', async () => {
    const order: number[] = [];
    const ways = [fakeWay(0, order, [5, 9, 7]), fakeWay(1, order, [3, 2, 4])];
    const [best, cpu] = await measureAlternated(ways, {
      rounds: 3,
      unitsPerRound: 100,
      unit: 'call',
      runs: ways.map((w) => w.run),
      key: (r) => r.rate,
    });
    expect(order).toEqual([0, 1, 0, 1, 0, 1]);
    expect(best.map((r) => r.rate)).toEqual([9, 4]);
    // 3 rounds × 15 ms over 3 × 100 calls: 150 µs a call, a third of it kernel; main 30 µs.
    expect(cpu).toEqual([
      'CPU 150 µs/call (33% kernel, main thread 30.0)',
      'CPU 150 µs/call (33% kernel, main thread 30.0)',
    ]);
  });

  it('runs a disturbed round again, counts its CPU, and never keeps the disturbed result', async () => {
    const order: number[] = [];
    const rerun = disturbed.rerun;
    // Way 1's first round (the best rate of all) was disturbed: it is run again at once.
    const ways = [
      fakeWay(0, order, [5, 5]),
      fakeWay(1, order, [99, 2, 3], (n) => (n === 0 ? 1 : 0)),
    ];
    const [best, cpu] = await measureAlternated(ways, {
      rounds: 2,
      unitsPerRound: 10,
      unit: 'msg',
      runs: ways.map((w) => w.run),
      key: (r) => r.rate,
    });
    expect(order).toEqual([0, 1, 1, 0, 1]);
    expect(best[1]?.rate).toBe(3);
    expect(disturbed.rerun - rerun).toBe(1);
    // Way 1 ran three rounds: 45 ms over 30 messages.
    expect(cpu[1]).toBe('CPU 1500 µs/msg (33% kernel, main thread 300)');
  });

  it('keeps a round disturbed every time after a few tries, and says so', async () => {
    const order: number[] = [];
    const kept = disturbed.kept;
    const ways = [fakeWay(0, order, [1, 2, 3, 4, 5, 6], () => 1)];
    const [best] = await measureAlternated(ways, {
      rounds: 1,
      unitsPerRound: 1,
      unit: 'call',
      runs: ways.map((w) => w.run),
      key: (r) => r.rate,
    });
    expect(order).toHaveLength(1 + DISTURBED_RETRIES);
    expect(best[0]?.rate).toBe(1 + DISTURBED_RETRIES);
    expect(disturbed.kept - kept).toBe(1);
  });

  it('prints no CPU for a way without a process of its own (direct calls)', async () => {
    const order: number[] = [];
    const way = fakeWay(0, order, [1]);
    const [, cpu] = await measureAlternated([{}], {
      rounds: 1,
      unitsPerRound: 1,
      unit: 'call',
      runs: [way.run],
      key: (r) => r.rate,
    });
    expect(cpu[0]).toBe('CPU NaN µs/call (NaN% kernel)');
  });
});
