// `npm run bench:cli` (after `npm run build`: node dist/bench/cli-startup.cjs): how long `gwb`
// takes to start, as a ratio to `node -e 0` measured in the same run. Spawned processes, rounds
// interleaved (each round runs every command once, so a noisy neighbour hits them alike), the
// median of each kept. The local server is the demo server in a process of its own.
// Wall time is the target; CPU time (user + system of the process, all its threads, reported by
// the process itself at exit through a preloaded hook) is printed beside it because on a loaded
// machine it moves far less. NODE_EXTRA_CA_CERTS makes Node parse certificates at every start
// (tens of ms), which flatters every ratio; the table says when it is set.
// BENCH_ROUNDS sets the number of rounds; BENCH_GWB another gwb launcher to measure;
// BENCH_COMPARE a second launcher (an older build, say) measured in the same rounds, so a
// before/after is not skewed by how busy the machine was when each ran.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './_stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const root = join(import.meta.dirname, '..', '..');
const gwb = process.env.BENCH_GWB ?? join(root, 'bin', 'gwb.cjs');
const compare = process.env.BENCH_COMPARE;

interface Measure {
  name: string;
  args: string[];
  /** The most `node -e 0`'s time this may take, times. */
  target: number;
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  cpuMs: number;
}

/** Preloaded into every measured process: its CPU time at exit, written to fd 3. */
const CPU_HOOK = `process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  try { require('node:fs').writeSync(3, String((user + system) / 1000)); } catch {}
});
`;
const hookDir = mkdtempSync(join(tmpdir(), 'gwb-bench-cli-'));
const cpuHook = join(hookDir, 'cpu-at-exit.cjs');
writeFileSync(cpuHook, CPU_HOOK);

function runNode(args: string[]): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', cpuHook, ...args], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let cpu = '';
    child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdio[3]?.on('data', (b: Buffer) => (cpu += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, stdout, stderr, ms, cpuMs: Number(cpu) });
    });
  });
}

/** `gwb demo-server --port 0` in a process of its own; resolves with its address. */
function startDemoServer(): Promise<{ address: string; stop: () => void }> {
  const child = spawn(process.execPath, [gwb, 'demo-server', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (b: Buffer) => {
      text += b.toString();
      const match = /listening on (\S+)/.exec(text);
      if (match?.[1]) resolve({ address: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const server = await startDemoServer();
  try {
    const measures: Measure[] = [
      { name: 'gwb -version', args: [gwb, '-version'], target: 1.3 },
      { name: 'gwb --help', args: [gwb, '--help'], target: 1.3 },
      { name: 'gwb list', args: [gwb, '-plaintext', server.address, 'list'], target: 2 },
      {
        name: 'gwb unary call',
        args: [
          gwb,
          '-plaintext',
          '-d',
          '{"id":"1"}',
          server.address,
          'example.UserService/GetUser',
        ],
        target: 2,
      },
    ];
    if (compare) {
      for (const m of [...measures])
        measures.push({ ...m, name: `${m.name} (compared)`, args: [compare, ...m.args.slice(1)] });
    }
    const baseline: Measure = { name: 'node -e 0', args: ['-e', '0'], target: 1 };
    const all = [baseline, ...measures];
    // One unmeasured run each: a first run may write gwb's code cache; every command must work.
    for (const m of all) {
      const run = await runNode(m.args);
      if (run.code !== 0) throw new Error(`${m.name} failed (${run.code}): ${run.stderr}`);
    }
    const wall = new Map<Measure, number[]>(all.map((m) => [m, []]));
    const cpu = new Map<Measure, number[]>(all.map((m) => [m, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const m of all) {
        const run = await runNode(m.args);
        wall.get(m)?.push(run.ms);
        cpu.get(m)?.push(run.cpuMs);
      }
    }
    const median = (times: Map<Measure, number[]>, m: Measure): number =>
      percentile(
        [...(times.get(m) ?? [])].sort((a, b) => a - b),
        50,
      );
    const [base, baseCpu] = [median(wall, baseline), median(cpu, baseline)];
    const certs = process.env.NODE_EXTRA_CA_CERTS ? ' (NODE_EXTRA_CA_CERTS is set)' : '';
    console.log(`\ngwb start-up: median of ${ROUNDS} spawned runs, ratio to node -e 0${certs}`);
    if (compare) console.log(`(compared: ${compare})`);
    console.log('| command | wall | ratio | target | CPU | CPU ratio |');
    console.log('|---|---|---|---|---|---|');
    console.log(
      `| node -e 0 | ${base.toFixed(0)} ms | 1.00× | | ${baseCpu.toFixed(0)} ms | 1.00× |`,
    );
    for (const m of measures) {
      const q = median(wall, m) / base;
      const verdict = q <= m.target ? 'ok' : 'MISSED';
      const c = median(cpu, m);
      console.log(
        `| ${m.name} | ${median(wall, m).toFixed(0)} ms | ${q.toFixed(2)}× | ≤ ${m.target}× ${verdict} | ${c.toFixed(0)} ms | ${(c / baseCpu).toFixed(2)}× |`,
      );
    }
  } finally {
    server.stop();
    rmSync(hookDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
