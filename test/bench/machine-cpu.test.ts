// bench:proxy says where the machine's CPU went in each round (client, server, the process between
// them, others): a figure read off the wrong process would put the budget argument on sand.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { withRoundCpu } from '../../bench/_machine-cpu.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/**
 * A process that, told on stdin, spends `ms` of CPU time (its own count) and says `done`; stands
 * for the bench server (or the proxy) doing its part of a round.
 */
function burner(ms: number): { pid: number; burn: () => Promise<void> } {
  const script = `process.stdin.on('data', () => {
    const start = process.cpuUsage();
    while ((process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 < ${ms}) {}
    process.stdout.write('done\\n');
  });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  return {
    pid: child.pid as number,
    burn: () =>
      new Promise<void>((resolve) => {
        child.stdout?.once('data', () => resolve());
        child.stdin?.write('go\n');
      }),
  };
}

/** Spends `ms` of this process's CPU time: the client's part. */
function spend(ms: number): void {
  const start = process.cpuUsage();
  while ((process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 < ms) {
    // busy
  }
}

describe('a round’s CPU', () => {
  it('puts each process’s CPU time on the process that spent it, per unit', async () => {
    const server = burner(150);
    const middle = burner(80);
    const cpu = await withRoundCpu(
      server.pid,
      middle.pid,
      async () => {
        spend(60);
        await server.burn();
        await middle.burn();
        return { count: 10 };
      },
      (r) => r.count,
    );
    const { roundCpu } = cpu;
    // Each spent at least its part (its own count); a process's start-up is not in the round.
    expect(roundCpu.serverUs).toBeGreaterThanOrEqual(15_000 * 0.95);
    expect(roundCpu.serverUs).toBeLessThan(15_000 * 2);
    expect(roundCpu.middleUs).toBeGreaterThanOrEqual(8_000 * 0.95);
    expect(roundCpu.middleUs).toBeLessThan(8_000 * 2);
    expect(roundCpu.clientUs).toBeGreaterThanOrEqual(6_000 * 0.95);
    expect(roundCpu.busyCores).toBeGreaterThan(0);
    expect(roundCpu.otherCores).toBeGreaterThanOrEqual(0);
    expect(cpu.count).toBe(10);
  });

  it('has no middle for direct calls', async () => {
    const server = burner(20);
    const { roundCpu } = await withRoundCpu(server.pid, undefined, server.burn, () => 1);
    expect(roundCpu.middleUs).toBeNaN();
    expect(roundCpu.serverUs).toBeGreaterThanOrEqual(20_000 * 0.95);
  });
});
