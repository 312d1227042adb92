// Where the machine's CPU went during one measured round: the bench's client (this process), the
// bench server, the process between them (a proxy or a floor) and everyone else. On two shared
// cores a proxy's throughput ratio is mostly a CPU budget: when direct calls already keep both
// cores busy, 0.8× direct leaves the proxy a quarter of what client and server spend, and other
// tenants' load takes from the same cores. Linux /proc only; NaN elsewhere.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

/** A snapshot of the counters one round's figures are the difference of. */
interface Counters {
  /** This process's CPU (user + kernel), µs. */
  clientUs: number;
  /** The server's and the middle process's CPU, ns (all their threads and child processes). */
  serverNs: number;
  middleNs: number;
  /** The machine's busy and total time in clock ticks (/proc/stat, all CPUs). */
  busyTicks: number;
  totalTicks: number;
  /** performance.now(), ms. */
  at: number;
}

/** One round's CPU, per the round's units (a call, a message). */
export interface RoundCpu {
  /** The client's and the server's CPU, µs per unit. */
  clientUs: number;
  serverUs: number;
  /** The middle process's CPU, µs per unit (NaN for direct). */
  middleUs: number;
  /** Cores the machine kept busy on average, of `cores`. */
  busyCores: number;
  /** Of those, cores busy with processes other than the client, server and middle. */
  otherCores: number;
  cores: number;
}

/** Linux's clock ticks (USER_HZ) are 100 a second: /proc's CPU times come in 10 ms. */
const NS_PER_TICK = 1e7;

/**
 * A process's CPU time in ns: all its threads, those that ended included, and its children that
 * ended and were waited for (/proc/PID/stat's utime, stime, cutime, cstime). Summing the live
 * threads' exact schedstat instead would drop a thread that ended within the round.
 */
function processNs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14–17 of proc(5), counted after the command's name (field 2).
    const ticks = [11, 12, 13, 14].reduce((sum, at) => sum + Number(fields[at]), 0);
    return ticks * NS_PER_TICK;
  } catch {
    return NaN;
  }
}

/** The pids whose parent is `pid` (socat forks one per connection). */
function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(name));
    } catch {
      // ended meanwhile
    }
  }
  return children;
}

/** A process's and its live children's CPU time, ns. */
function treeNs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  return childPids(pid).reduce((sum, child) => sum + processNs(child), processNs(pid));
}

function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'latin1').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((sum, t) => sum + t, 0);
    // idle and iowait are the 4th and 5th counters (proc(5)).
    return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

function clientUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** The server's and the middle's CPU: scanning /proc for them costs the client CPU. */
function processCounters(server: number, middle: number | undefined) {
  return { serverNs: treeNs(server), middleNs: middle === undefined ? NaN : treeNs(middle) };
}

/** The machine's ticks and the clock, read together. */
function machineCounters() {
  const ticks = machineTicks();
  return { busyTicks: ticks.busy, totalTicks: ticks.total, at: performance.now() };
}

/**
 * Runs `round` and says where the CPU went during it, per `units(result)`: `server` is the bench
 * server's pid, `middle` the proxy's or floor's (undefined: direct).
 */
export async function withRoundCpu<T>(
  server: number,
  middle: number | undefined,
  round: () => Promise<T>,
  units: (result: T) => number,
): Promise<T & { roundCpu: RoundCpu }> {
  // The /proc scans fall outside the machine's ticks and the client's CPU of the round (they
  // would count as others' or the client's): before it they come first, after it last.
  const processesBefore = processCounters(server, middle);
  const before: Counters = { ...processesBefore, ...machineCounters(), clientUs: clientUs() };
  const result = await round();
  const clientAfter = clientUs();
  const machineAfter = machineCounters();
  const after: Counters = {
    clientUs: clientAfter,
    ...machineAfter,
    ...processCounters(server, middle),
  };
  const n = units(result);
  const cores = cpus().length;
  const busyCores =
    ((after.busyTicks - before.busyTicks) / (after.totalTicks - before.totalTicks)) * cores;
  const wallNs = (after.at - before.at) * 1e6;
  const serverNs = after.serverNs - before.serverNs;
  const middleNs = after.middleNs - before.middleNs;
  const client = after.clientUs - before.clientUs;
  const ours = client * 1000 + serverNs + (Number.isNaN(middleNs) ? 0 : middleNs);
  return {
    ...result,
    roundCpu: {
      clientUs: client / n,
      serverUs: serverNs / 1000 / n,
      middleUs: middleNs / 1000 / n,
      busyCores,
      otherCores: Math.max(0, busyCores - ours / wallNs),
      cores,
    },
  };
}

const us = (n: number): string => n.toFixed(n < 100 ? 1 : 0);

/** `client 240 + server 112 µs/call, 1.97 of 2 cores busy (0.05 others')`. */
export function roundCpuText(cpu: RoundCpu, unit: string): string {
  return `client ${us(cpu.clientUs)} + server ${us(cpu.serverUs)} µs/${unit}, ${cpu.busyCores.toFixed(2)} of ${cpu.cores} cores busy (${cpu.otherCores.toFixed(2)} others')`;
}

/** What 0.8× leaves the middle process were the calls CPU-bound: a quarter of client + server. */
export function budgetUs(direct: RoundCpu): string {
  return us((direct.clientUs + direct.serverUs) / 4);
}
