// Where the renderer's main-thread time goes during a bench phase: Chromium's own counters
// (script, layout, style, task time) and, with BENCH_PROFILE=dir, a CPU profile with the functions
// that took the most self time. Used to find the cause of long tasks rather than guess.
import type { CDPSession, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'JSHeapUsedSize'] as const;

export interface PhaseProbe {
  stop(): Promise<string>;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Starts measuring a phase; `stop()` returns a few lines to print. */
export async function probePhase(page: Page, name: string): Promise<PhaseProbe> {
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
  return {
    async stop() {
      const after = await metrics(cdp);
      const wall = (Date.now() - t0) / 1000;
      const d = (k: (typeof METRICS)[number]): number => (after[k] ?? 0) - (before[k] ?? 0);
      const lines = [
        `  [${name}] main thread over ${wall.toFixed(1)} s: tasks ${d('TaskDuration').toFixed(1)} s, script ${d('ScriptDuration').toFixed(1)} s, layout ${d('LayoutDuration').toFixed(2)} s, style ${d('RecalcStyleDuration').toFixed(2)} s, heap ${((after.JSHeapUsedSize ?? 0) / 1e6).toFixed(0)} MB`,
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
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
}
