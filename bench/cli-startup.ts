// `npm run bench:cli` (after `npm run build`: node dist/bench/cli-startup.cjs): how long `gwb`
// takes to start, as a ratio to `node -e 0` measured in the same run. Spawned processes, rounds
// interleaved (each round runs every command once, so a noisy neighbour hits them alike), the
// median of each kept. The local server is the demo server in a process of its own.
// BENCH_ROUNDS sets the number of rounds; BENCH_GWB another gwb launcher to measure.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { percentile } from './_stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const root = join(import.meta.dirname, '..', '..');
const gwb = process.env.BENCH_GWB ?? join(root, 'bin', 'gwb.cjs');

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
}

function runNode(args: string[]): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, stdout, stderr, ms });
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
    const baseline: Measure = { name: 'node -e 0', args: ['-e', '0'], target: 1 };
    const all = [baseline, ...measures];
    // One unmeasured run each: a first run may write gwb's code cache; every command must work.
    for (const m of all) {
      const run = await runNode(m.args);
      if (run.code !== 0) throw new Error(`${m.name} failed (${run.code}): ${run.stderr}`);
    }
    const times = new Map<Measure, number[]>(all.map((m) => [m, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const m of all) times.get(m)?.push((await runNode(m.args)).ms);
    }
    const median = (m: Measure): number =>
      percentile(
        [...(times.get(m) ?? [])].sort((a, b) => a - b),
        50,
      );
    const base = median(baseline);
    console.log(`\ngwb start-up: median of ${ROUNDS} spawned runs, ratio to node -e 0`);
    console.log('| command | median | ratio | target |');
    console.log('|---|---|---|---|');
    console.log(`| node -e 0 | ${base.toFixed(0)} ms | 1.00× | |`);
    for (const m of measures) {
      const q = median(m) / base;
      const verdict = q <= m.target ? 'ok' : 'MISSED';
      console.log(
        `| ${m.name} | ${median(m).toFixed(0)} ms | ${q.toFixed(2)}× | ≤ ${m.target}× ${verdict} |`,
      );
    }
  } finally {
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
