// bench:proxy's measuring loop: every way's rounds alternated so all see the same machine, the
// best round of each kept, a round that other processes disturbed run again, and the CPU time of
// each way's process over all the rounds it ran, per call or message.
import type { RoundCpu } from './_machine-cpu.js';

/** A process's CPU time so far (ms): user, kernel, and its main thread's (NaN where unknown). */
export interface CpuMs {
  user: number;
  system: number;
  /** The main thread's (the event loop's) user + kernel time; NaN where /proc has none. */
  main: number;
}

/** One way as the loop sees it: its process's CPU time, when it has a process of its own. */
export interface MeasuredWay {
  cpu?: () => Promise<CpuMs>;
}

/** What a measure asks: its rounds, what each round counts (its calls or messages) and in what. */
export interface Measure<T> {
  rounds: number;
  /** Calls (or messages) in one round of each way: the CPU time is per one of these. */
  unitsPerRound: number;
  unit: string;
  /** One round on each way, in the ways' order. */
  runs: (() => Promise<T>)[];
  /** Bigger is better: which of a way's rounds is kept. */
  key: (t: T) => number;
}

/**
 * Cores other processes may keep busy during a round before it is run again (BENCH_OTHERS_MAX):
 * a shared machine's other tenants (a build, a test run) take the cores the ways compete for, and
 * a round they disturbed says more about them than about the way.
 */
export const OTHERS_MAX = Number(process.env.BENCH_OTHERS_MAX ?? 0.15);
/** How often a disturbed round is run again before its result is kept anyway (and said so). */
export const DISTURBED_RETRIES = 4;
/** Rounds run again so far, and kept though disturbed: the run's last line says how many. */
export const disturbed = { rerun: 0, kept: 0 };

/**
 * Each way's best round and its process's CPU per unit over every round it ran (disturbed ones
 * run again included), as `CPU N µs/UNIT (K% kernel, main thread M)`. Each way's process idles
 * through the other ways' rounds, so its CPU time in the loop is its own rounds'.
 */
export async function measureAlternated<T extends { roundCpu?: RoundCpu }>(
  ways: MeasuredWay[],
  measure: Measure<T>,
): Promise<[T[], string[]]> {
  const noCpu = (): Promise<CpuMs> => Promise.resolve({ user: NaN, system: NaN, main: NaN });
  const before = await Promise.all(ways.map((w) => (w.cpu ?? noCpu)()));
  const { best, rounds } = await alternated(measure);
  const after = await Promise.all(ways.map((w) => (w.cpu ?? noCpu)()));
  return [
    best,
    ways.map((_, i) => {
      const units = measure.unitsPerRound * (rounds[i] ?? NaN);
      return cpuText(before[i], after[i], units, measure.unit);
    }),
  ];
}

/** `CPU N µs/UNIT (K% kernel, main thread M)` from two readings `units` apart. */
function cpuText(
  before: CpuMs | undefined,
  after: CpuMs | undefined,
  units: number,
  unit: string,
): string {
  const user = (after?.user ?? NaN) - (before?.user ?? NaN);
  const system = (after?.system ?? NaN) - (before?.system ?? NaN);
  const perUnit = ((user + system) * 1000) / units;
  const kernel = (100 * system) / (user + system);
  const main = (((after?.main ?? NaN) - (before?.main ?? NaN)) * 1000) / units;
  const mainText = Number.isNaN(main) ? '' : `, main thread ${main.toFixed(main < 100 ? 1 : 0)}`;
  return `CPU ${perUnit.toFixed(perUnit < 100 ? 1 : 0)} µs/${unit} (${kernel.toFixed(0)}% kernel${mainText})`;
}

/**
 * Best of `rounds` for each way, the rounds alternating so all see the same machine, a round
 * disturbed by other processes run again (roundOnQuietMachine); and how many rounds each ran.
 */
async function alternated<T extends { roundCpu?: RoundCpu }>(
  measure: Measure<T>,
): Promise<{ best: T[]; rounds: number[] }> {
  const best: (T | undefined)[] = [];
  const ran = measure.runs.map(() => 0);
  for (let i = 0; i < measure.rounds; i++)
    for (const [at, run] of measure.runs.entries()) {
      const result = await roundOnQuietMachine(run, () => (ran[at] = (ran[at] ?? 0) + 1));
      const kept = best[at];
      if (kept === undefined || measure.key(result) > measure.key(kept)) best[at] = result;
    }
  return { best: best as T[], rounds: ran };
}

/** `run`, again while other processes kept more than OTHERS_MAX cores busy (a few times at most). */
async function roundOnQuietMachine<T extends { roundCpu?: RoundCpu }>(
  run: () => Promise<T>,
  ran: () => void,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    const result = await run();
    ran();
    const others = result.roundCpu?.otherCores ?? 0;
    if (others <= OTHERS_MAX) return result;
    if (retry === DISTURBED_RETRIES) {
      disturbed.kept++;
      return result;
    }
    disturbed.rerun++;
  }
}
