// `npm run bench:cli` (after `npm run build`: node dist/bench/cli-streams.cjs): gwb's streams
// against grpcurl and against the raw grpc-js client, each a process of its own, in the same run,
// rounds interleaved (a noisy neighbour hits all alike), the median kept:
//   - a server stream of 200,000 messages printed to /dev/null (target ≤ 1× grpcurl's wall time,
//     memory flat: peak RSS is printed),
//   - a client stream of 100,000 messages from stdin with -d @ (≤ 1.1× grpcurl),
//   - one 8 MB message from stdin with -d @ (≤ 2× grpcurl).
// The server is the fixed bench server (bench/server.ts) in its own process. grpcurl is
// $GRPCURL or /work/shared/tools/grpcurl; without it the grpcurl columns are left out.
// CPU time (all threads) is printed beside wall time: on a loaded machine it moves far less.
// BENCH_ROUNDS sets the rounds (default 3); BENCH_GWB another gwb launcher to measure.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forkBenchServer } from './_bench-processes.js';
import { runRaw } from './_cli-streams-raw.js';

const root = join(import.meta.dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const gwb = process.env.BENCH_GWB ?? join(root, 'bin', 'gwb.cjs');
const grpcurlPath = process.env.GRPCURL ?? '/work/shared/tools/grpcurl';
const grpcurl = existsSync(grpcurlPath) ? grpcurlPath : undefined;
const benchProtos = join(root, 'bench');
const exampleProtos = join(root, 'resources', 'protos');

interface Run {
  ms: number;
  /** Peak resident memory (VmHWM), MB. */
  peakMb: number;
  /** CPU time (user + system, every thread), as last seen by the poll (≤ 20 ms before exit). */
  cpuMs: number;
}

/** Linux clock ticks a second (USER_HZ): /proc/PID/stat counts CPU time in them. */
const TICKS_PER_SECOND = 100;

/** utime + stime of /proc/PID/stat, ms. */
function cpuOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Runs a command with stdin from a file (or nothing) and stdout to /dev/null; fails on exit ≠ 0. */
function measure(command: string, args: string[], stdinFile?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
    const devNull = openSync('/dev/null', 'w');
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: [stdin, devNull, 'pipe'] });
    let stderr = '';
    let peakKb = 0;
    let cpuMs = 0;
    const proc = `/proc/${child.pid}`;
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`${proc}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
        cpuMs = cpuOf(readFileSync(`${proc}/stat`, 'utf8'));
      } catch {
        // Gone between two polls: the last reading stands.
      }
    }, 20);
    child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(poll);
      if (typeof stdin === 'number') closeSync(stdin);
      closeSync(devNull);
      if (code !== 0)
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
      else resolve({ ms, peakMb: peakKb / 1024, cpuMs });
    });
  });
}

interface Case {
  name: string;
  /** gwb's wall time / grpcurl's at most. */
  target: number;
  stdinFile?: string;
  gwb: string[];
  grpcurl: string[];
  raw: string[];
}

function cases(target: string, dir: string): Case[] {
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++)
    lines.push(JSON.stringify({ key: `k${i}`, text: `hello world ${i}`, tags: ['a', 'b'] }));
  const clientFile = join(dir, 'client-100k.json');
  writeFileSync(clientFile, `${lines.join('\n')}\n`);
  // One Record of ~8 MB: many short tags, so the parser has a real document to walk.
  const tags: string[] = [];
  for (let size = 0; size < 8 << 20; size += 24) tags.push(`tag-${tags.length}-xxxxxxxxx`);
  const bigFile = join(dir, 'one-8mb.json');
  writeFileSync(bigFile, JSON.stringify({ key: 'big', tags }));
  const stream = ['-import-path', benchProtos, '-proto', 'bench.proto'];
  const upload = ['-import-path', exampleProtos, '-proto', 'example.proto'];
  const serverStreamArgs = [
    '-plaintext',
    ...stream,
    '-d',
    JSON.stringify({ count: 200_000, size: 30 }),
    target,
    'bench.Bench/Stream',
  ];
  const clientStreamArgs = [
    '-plaintext',
    ...upload,
    '-d',
    '@',
    target,
    'example.BatchService/Upload',
  ];
  const self = join(import.meta.dirname, 'cli-streams.cjs');
  return [
    {
      name: 'server stream, 200k messages to /dev/null',
      target: 1,
      gwb: [gwb, ...serverStreamArgs],
      grpcurl: serverStreamArgs,
      raw: [self, '--raw', 'server-stream', target, '200000'],
    },
    {
      name: 'client stream, 100k messages from stdin',
      target: 1.1,
      stdinFile: clientFile,
      gwb: [gwb, ...clientStreamArgs],
      grpcurl: clientStreamArgs,
      raw: [self, '--raw', 'client-stream', target, clientFile, exampleProtos],
    },
    {
      name: 'one 8 MB message from stdin (-d @)',
      target: 2,
      stdinFile: bigFile,
      gwb: [gwb, ...clientStreamArgs],
      grpcurl: clientStreamArgs,
      raw: [self, '--raw', 'client-stream', target, bigFile, exampleProtos],
    },
  ];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

interface Results {
  gwb: Run[];
  grpcurl: Run[];
  raw: Run[];
}

async function runCase(c: Case): Promise<Results> {
  const results: Results = { gwb: [], grpcurl: [], raw: [] };
  for (let round = 0; round < ROUNDS; round++) {
    results.gwb.push(await measure(process.execPath, c.gwb, c.stdinFile));
    if (grpcurl) results.grpcurl.push(await measure(grpcurl, c.grpcurl, c.stdinFile));
    results.raw.push(await measure(process.execPath, c.raw));
  }
  return results;
}

function report(c: Case, r: Results): void {
  const ms = (runs: Run[]): number => median(runs.map((x) => x.ms));
  const cpu = (runs: Run[]): number => median(runs.map((x) => x.cpuMs));
  const mb = (runs: Run[]): number => Math.max(...runs.map((x) => x.peakMb));
  const figures = (runs: Run[]): string =>
    `${ms(runs).toFixed(0)} ms, cpu ${cpu(runs).toFixed(0)} ms, peak ${mb(runs).toFixed(0)} MB`;
  const ours = ms(r.gwb);
  const cells = [`gwb ${figures(r.gwb)}`];
  if (r.grpcurl.length > 0) {
    const q = ours / ms(r.grpcurl);
    const verdict = q <= c.target ? 'ok' : 'MISSED';
    cells.push(
      `grpcurl ${figures(r.grpcurl)}`,
      `gwb/grpcurl wall ${q.toFixed(2)}× (target ≤ ${c.target}×: ${verdict}), cpu ${(cpu(r.gwb) / cpu(r.grpcurl)).toFixed(2)}×`,
    );
  }
  cells.push(
    `raw grpc-js ${figures(r.raw)}`,
    `gwb/raw wall ${(ours / ms(r.raw)).toFixed(2)}×, cpu ${(cpu(r.gwb) / cpu(r.raw)).toFixed(2)}×`,
  );
  console.log(`| ${c.name} | ${cells.join(' | ')} |`);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--raw') return runRaw(process.argv.slice(3));
  if (!grpcurl)
    console.log(`grpcurl not found at ${grpcurlPath} (set GRPCURL): its columns are left out`);
  const dir = mkdtempSync(join(tmpdir(), 'gwb-bench-streams-'));
  const server = await forkBenchServer();
  try {
    console.log(
      `\ngwb streams, median of ${ROUNDS} rounds (wall time; peak RSS is the largest seen)`,
    );
    for (const c of cases(server.target, dir)) report(c, await runCase(c));
  } finally {
    server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
