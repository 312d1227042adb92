// Where the renderer's main-thread time goes during a bench phase: Chromium's own counters
// (script, layout, style, task time) and, with BENCH_PROFILE=dir, a CPU profile with the functions
// that took the most self time. Used to find the cause of long tasks rather than guess.
import type { CDPSession, Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

type MetricName =
  | 'TaskDuration'
  | 'ThreadTime'
  | 'ProcessTime'
  | 'ScriptDuration'
  | 'LayoutDuration'
  | 'RecalcStyleDuration'
  | 'JSHeapUsedSize';

export interface PhaseProbe {
  stop(): Promise<string>;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Starts measuring a phase; `stop()` returns a few lines to print. */
/** CPU seconds (user + system) a process has used, from /proc; NaN where there is no /proc. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** `hostPid`: the process running the gRPC server and the web host, whose CPU time is reported too. */
export async function probePhase(page: Page, name: string, hostPid?: number): Promise<PhaseProbe> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const dir = process.env.BENCH_PROFILE;
  if (dir) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const before = await metrics(cdp);
  const t0 = Date.now();
  const host0 = hostPid ? processCpuSeconds(hostPid) : NaN;
  const load0 = loadavg()[0] ?? 0;
  return {
    async stop() {
      const after = await metrics(cdp);
      const wall = (Date.now() - t0) / 1000;
      const hostCpu = hostPid ? processCpuSeconds(hostPid) - host0 : NaN;
      const d = (k: MetricName): number => (after[k] ?? 0) - (before[k] ?? 0);
      // Task time is wall time: on a busy machine a task waiting for a core looks long. Thread
      // time is what the renderer's main thread really ran on a CPU.
      const lines = [
        `  [${name}] renderer main thread over ${wall.toFixed(1)} s: tasks ${d('TaskDuration').toFixed(1)} s wall, ${d('ThreadTime').toFixed(1)} s CPU (whole renderer process ${d('ProcessTime').toFixed(1)} s CPU); script ${d('ScriptDuration').toFixed(1)} s, layout ${d('LayoutDuration').toFixed(2)} s, style ${d('RecalcStyleDuration').toFixed(2)} s, heap ${((after.JSHeapUsedSize ?? 0) / 1e6).toFixed(0)} MB`,
        `  [${name}] server process (gRPC server + engine + web host) ${hostCpu.toFixed(1)} s CPU; machine load average ${load0.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`,
      ];
      if (dir) {
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
        writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
        lines.push(...topFunctions(profile, 15).map((l) => `    ${l}`));
      }
      await cdp.detach();
      return lines.join('\n');
    },
  };
}

/** Self time per function (name + location), largest first. */
export function topFunctions(profile: CpuProfile, n: number): string[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, us]) =>
        `${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`,
    );
}

/** Long tasks in a Chromium trace, with the CPU time each really used (tdur) beside its wall time. */
export function longTasksInTrace(traceJson: string, minMs = 50): string {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter(
    (e) => e.ph === 'X' && e.name === 'RunTask' && mainThreads.has(`${e.pid}:${e.tid}`),
  );
  const long = tasks.filter((t) => (t.dur ?? 0) > minMs * 1000);
  const ms = (us: number): string => (us / 1000).toFixed(0);
  const sum = (xs: TraceEvent[], k: 'dur' | 'tdur'): number =>
    xs.reduce((a, t) => a + (t[k] ?? 0), 0);
  const maxCpu = Math.max(0, ...tasks.map((t) => t.tdur ?? 0));
  return `  trace: ${tasks.length} main-thread tasks; ${long.length} over ${minMs} ms wall (${ms(sum(long, 'dur'))} ms wall, ${ms(sum(long, 'tdur'))} ms CPU); the most CPU any task used: ${ms(maxCpu)} ms`;
}

interface TraceEvent {
  ph?: string;
  name?: string;
  pid?: number;
  tid?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}
