// bench:proxy says where the machine's CPU went in each round (client, server, the process between
// them, others) and runs a round again when others kept the cores busy: a figure read off the wrong
// process would put both the budget argument and the reruns on sand.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { withRoundCpu } from '../../bench/_machine-cpu.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Spends `ms` of the running thread's process's CPU time (its own count), then returns. */
const SPEND = `const spend = (ms) => { const s = process.cpuUsage();
  while ((process.cpuUsage(s).user + process.cpuUsage(s).system) / 1000 < ms) {} };`;

/**
 * A process that, told on stdin, spends CPU and says `done`: stands for the bench server or the
 * proxy doing its part of a round. `how` is the code run for each round (SPEND in scope); the
 * process says `ready` once started, so its start-up is not in the round. Burns are hundreds of ms:
 * /proc counts processes' CPU in 10 ms ticks.
 */
async function burner(how: string): Promise<{ pid: number; burn: () => Promise<void> }> {
  const script = `${SPEND}
    process.stdin.on('data', async () => { await (${how})(); process.stdout.write('done\\n'); });
    process.stdout.write('ready\\n');`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise((resolve) => child.stdout?.once('data', resolve));
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

/** Code for a burner: spends `ms` on a thread of its own (a worker), as the capture thread does. */
const onAThread = (ms: number): string => `() => new Promise((resolve) => {
  const { Worker } = require('node:worker_threads');
  const w = new Worker(${JSON.stringify(SPEND)} + 'spend(${ms}); require("node:worker_threads").parentPort.postMessage(1)', { eval: true });
  w.once('message', () => w.terminate().then(resolve));
})`;

/** Code for a burner: spends `ms` in a child process of its own, as socat forks one a connection. */
const inAChild = (ms: number): string => `() => new Promise((resolve) => {
  const { spawn } = require('node:child_process');
  const c = spawn(process.execPath, ['-e', ${JSON.stringify(SPEND)} + 'spend(${ms}); process.stdout.write("x"); setTimeout(() => {}, 3000)'], { stdio: ['ignore', 'pipe', 'inherit'] });
  c.stdout.once('data', () => resolve());
})`;

describe('a round’s CPU', () => {
  it('puts each process’s CPU time on the process that spent it, per unit', async () => {
    const server = await burner('async () => spend(300)');
    const middle = await burner('async () => spend(200)');
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
    expect(roundCpu.serverUs).toBeGreaterThanOrEqual(30_000 * 0.9);
    expect(roundCpu.serverUs).toBeLessThan(30_000 * 1.5);
    expect(roundCpu.middleUs).toBeGreaterThanOrEqual(20_000 * 0.9);
    expect(roundCpu.middleUs).toBeLessThan(20_000 * 1.5);
    expect(roundCpu.clientUs).toBeGreaterThanOrEqual(6_000 * 0.95);
    expect(cpu.count).toBe(10);
  });

  it('counts the middle process’s threads and the processes it forks as its own, not others’', async () => {
    const server = await burner('async () => spend(1)');
    const middle = await burner(
      `async () => { spend(100); await (${onAThread(200)})(); await (${inAChild(200)})(); }`,
    );
    const { roundCpu } = await withRoundCpu(server.pid, middle.pid, middle.burn, () => 1);
    // Its main thread's 100 ms, its worker's 200 and its child's 200 (and their start-up).
    expect(roundCpu.middleUs).toBeGreaterThanOrEqual(500_000 * 0.9);
  });

  it('counts a process the round does not name as others’, as cores busy', async () => {
    const server = await burner('async () => spend(1)');
    const stranger = await burner('async () => spend(300)');
    const { roundCpu } = await withRoundCpu(server.pid, undefined, stranger.burn, () => 1);
    // 300 ms of CPU in a round of at least 300 ms: most of a core, none of it the round's.
    expect(roundCpu.otherCores).toBeGreaterThan(0.5);
    expect(roundCpu.busyCores).toBeGreaterThanOrEqual(roundCpu.otherCores);
    expect(roundCpu.serverUs).toBeLessThan(20_000);
  });

  it('has no middle for direct calls', async () => {
    const server = await burner('async () => spend(200)');
    const { roundCpu } = await withRoundCpu(server.pid, undefined, server.burn, () => 1);
    expect(roundCpu.middleUs).toBeNaN();
    expect(roundCpu.serverUs).toBeGreaterThanOrEqual(200_000 * 0.9);
  });
});
