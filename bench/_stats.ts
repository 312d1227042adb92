// Small helpers shared by the benchmarks: percentiles, a table printer, a thread's CPU time.
import { readFileSync } from 'node:fs';
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export interface Row {
  name: string;
  raw: number;
  ours: number;
  unit: string;
  /** true when a bigger number is better (throughput); false for times. */
  higherIsBetter: boolean;
  target?: number;
  extra?: string;
}

/** Ratio as "how many times raw": throughput ours/raw, times raw/ours, so ≥ 1 is always good. */
export function ratio(row: Row): number {
  return row.higherIsBetter ? row.ours / row.raw : row.raw / row.ours;
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log('| measure | raw | gwb | ratio | target |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    const q = ratio(r);
    const t = r.target?.toFixed(2);
    const verdict = r.target === undefined ? '' : q >= r.target ? ` ≥ ${t} ok` : ` < ${t} MISSED`;
    const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));
    console.log(
      `| ${r.name} | ${fmt(r.raw)} ${r.unit} | ${fmt(r.ours)} ${r.unit} | ${q.toFixed(2)}× |${verdict}${r.extra ? ` ${r.extra}` : ''} |`,
    );
  }
}

/**
 * CPU time of this process's main thread (the event loop) so far, in ms (Linux: /proc, in clock
 * ticks of 10 ms); undefined elsewhere. The process's CPU time also counts the threads beside it
 * (libuv's pool, a recording thread, the garbage collector's), which run off the critical path.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of proc(5), counted after the command's name (field 2).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
