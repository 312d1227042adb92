// `npm run bench:proxy`: calls through gwb's capture proxy (main/capture) with recording on,
// against the same calls made directly, in the same run, to the same bench server. The proxy runs
// in a process of its own, as `gwb proxy` would. Prints ratios (≥ 1 is as good as direct); not a
// test: these machines are shared and noisy, so each measure alternates direct, floor and proxied
// rounds and keeps the best of a few. The floor is a plain TCP pipe (no HTTP/2, no recording,
// bench/_floor-proxy.ts, which says why) in a process of its own: what any proxy costs for the
// extra hop. gwb proxy passes plaintext connections through the same way and reads a copy.
import '../main/platform/native-base64.js';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCaptureProxy } from '../main/capture/index.js';
import { loadProtoFiles } from '../main/schema/index.js';
import { mainThreadCpuMs, percentile, printRows, type Row } from './_stats.js';
import { rawBenchClient, type RawBenchClient } from './_bench-service.js';
import { childLine, forkBenchScript, forkBenchServer } from './_bench-processes.js';
import { startFloorProxy } from './_floor-proxy.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const UNARY_CALLS = Number(process.env.BENCH_UNARY ?? 3000);
const STREAM_MSGS = Number(process.env.BENCH_STREAM ?? 500_000);
/** BENCH_IN_FLIGHT=1 or 16 (or 0: no unary measure, e.g. to profile the stream alone). */
const IN_FLIGHT = (process.env.BENCH_IN_FLIGHT ?? '1,16').split(',').map(Number).filter(Boolean);

/** The proxy's process: `proxy.cjs --child TARGET DIR` prints `PORT n` and serves until killed. */
async function runProxyChild(target: string, dir: string): Promise<void> {
  const schema = loadProtoFiles({ files: [join(process.cwd(), 'bench/bench.proto')] });
  const proxy = await startCaptureProxy({
    host: '127.0.0.1',
    port: 0,
    target: { target, security: { kind: 'plaintext' } },
    // BENCH_PROXY_RECORD=0: the proxy forwards only, to see what recording costs.
    recordDir: process.env.BENCH_PROXY_RECORD === '0' ? undefined : dir,
    schema: { registry: schema.registry, source: 'bench.proto' },
    onError: (error) => console.error(`proxy: ${error.message}`),
  });
  console.log(`PORT ${proxy.port}`);
  // The proxy's CPU time so far, asked for over IPC: what proxying costs whatever else loads the machine.
  answerCpuUsage();
  process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
}

interface CpuMs {
  user: number;
  system: number;
  /** The main thread's (the event loop's) user + kernel time; NaN where /proc has none. */
  main: number;
}

/** Answers the parent's `cpu` message with this process's CPU time so far. */
function answerCpuUsage(): void {
  process.on('message', () => {
    const usage = process.cpuUsage();
    const cpu: CpuMs = {
      user: usage.user / 1000,
      system: usage.system / 1000,
      main: mainThreadCpuMs() ?? NaN,
    };
    process.send?.(cpu);
  });
}

/** The proxy process's CPU time so far (user and kernel, and its main thread's), in ms. */
function proxyCpuMs(child: ChildProcess): Promise<CpuMs> {
  return new Promise((resolve) => {
    child.once('message', (cpu: CpuMs) => resolve(cpu));
    child.send('cpu');
  });
}

/** `fn`'s result and each child's CPU time during it, per `units`, as `N µs/UNIT (K% kernel)`. */
async function withCpu<T>(
  children: ChildProcess[],
  units: number,
  unit: string,
  fn: () => Promise<T>,
): Promise<[T, string[]]> {
  const before = await Promise.all(children.map(proxyCpuMs));
  const result = await fn();
  const after = await Promise.all(children.map(proxyCpuMs));
  return [
    result,
    children.map((_, i) => {
      const user = (after[i]?.user ?? 0) - (before[i]?.user ?? 0);
      const system = (after[i]?.system ?? 0) - (before[i]?.system ?? 0);
      const perUnit = ((user + system) * 1000) / units;
      const kernel = (100 * system) / (user + system);
      const main = (((after[i]?.main ?? NaN) - (before[i]?.main ?? NaN)) * 1000) / units;
      const mainText = Number.isNaN(main)
        ? ''
        : `, main thread ${main.toFixed(main < 100 ? 1 : 0)}`;
      return `CPU ${perUnit.toFixed(perUnit < 100 ? 1 : 0)} µs/${unit} (${kernel.toFixed(0)}% kernel${mainText})`;
    }),
  ];
}

function unary(c: RawBenchClient, seq: number): Promise<void> {
  return new Promise((resolve, reject) =>
    c.Unary({ seq, text: 'hello' }, (err) => (err ? reject(err) : resolve())),
  );
}

async function unaryLoad(c: RawBenchClient, total: number, inFlight: number) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const seq = next++;
      const s = performance.now();
      await unary(c, seq);
      lat.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { rate: total / secs, p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

function stream(c: RawBenchClient, count: number): Promise<{ rate: number; count: number }> {
  return new Promise((resolve, reject) => {
    let n = 0;
    const t0 = performance.now();
    const s = c.Stream({ count, size: 30 });
    s.on('data', () => n++);
    s.on('error', reject);
    s.on('status', () => resolve({ rate: n / ((performance.now() - t0) / 1000), count: n }));
  });
}

/** Best of `rounds` for each path, the rounds alternating so all see the same machine. */
async function alternated<T>(
  rounds: number,
  paths: [() => Promise<T>, () => Promise<T>, () => Promise<T>],
  key: (t: T) => number,
): Promise<[T, T, T]> {
  const best: (T | undefined)[] = [];
  for (let i = 0; i < rounds; i++)
    for (const [at, run] of paths.entries()) {
      const result = await run();
      const kept = best[at];
      if (kept === undefined || key(result) > key(kept)) best[at] = result;
    }
  return best as [T, T, T];
}

/**
 * What creating one empty file costs in `dir` (CPU µs, wall µs): a recording per call makes a file
 * per call, and on some disks that is most of what recording costs (this machine's ext4 /tmp took
 * ~800 µs of kernel CPU a file, /var/tmp on the same disk ~20 µs).
 */
function fileCreationCost(dir: string): { cpu: number; wall: number } {
  const n = 200;
  const probe = mkdtempSync(join(dir, 'probe-'));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) closeSync(openSync(join(probe, String(i)), 'wx', 0o600));
  const wall = ((performance.now() - t0) * 1000) / n;
  const used = process.cpuUsage(cpu0);
  rmSync(probe, { recursive: true, force: true });
  return { cpu: (used.user + used.system) / n, wall };
}

function folderSize(dir: string): { files: number; bytes: number } {
  const names = readdirSync(dir);
  return {
    files: names.length,
    bytes: names.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0),
  };
}

async function main(): Promise<void> {
  const { target, child: server } = await forkBenchServer();
  // BENCH_PROXY_DIR: where the recordings go (default the OS temp folder).
  const dir = mkdtempSync(join(process.env.BENCH_PROXY_DIR ?? tmpdir(), 'gwb-bench-proxy-'));
  const creation = fileCreationCost(dir);
  console.log(
    `creating a file in ${dir}: ${creation.cpu.toFixed(0)} µs CPU, ${creation.wall.toFixed(0)} µs wall (one per recorded call)`,
  );
  // BENCH_PROXY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the proxy's process.
  const proxyNodeArgs = process.env.BENCH_PROXY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const proxyChild = forkBenchScript('proxy', ['--child', target, dir], proxyNodeArgs);
  const proxyTarget = `127.0.0.1:${await childLine(proxyChild, 'PORT')}`;
  const direct = rawBenchClient(target);
  const proxied = rawBenchClient(proxyTarget);
  const floorChild = forkBenchScript('proxy', ['--floor-child', target], []);
  const floorTarget = `127.0.0.1:${await childLine(floorChild, 'PORT')}`;
  const floor = rawBenchClient(floorTarget);
  console.log(
    `bench server at ${target}, capture proxy (recording to ${dir}) at ${proxyTarget}, TCP pipe (the floor) at ${floorTarget}; ${ROUNDS} rounds, best kept`,
  );
  try {
    // Warm every path (JIT, connections) before measuring.
    for (const client of [direct, floor, proxied]) await unaryLoad(client, 500, 4);

    const rows: Row[] = [];
    const floorRows: Row[] = [];
    for (const inFlight of IN_FLIGHT) {
      // The proxy idles through the other rounds: its CPU time is the proxied rounds'.
      const [[d, f, p], [cpuPerCall, floorCpuPerCall]] = await withCpu(
        [proxyChild, floorChild],
        ROUNDS * UNARY_CALLS,
        'call',
        () =>
          alternated(
            ROUNDS,
            [
              () => unaryLoad(direct, UNARY_CALLS, inFlight),
              () => unaryLoad(floor, UNARY_CALLS, inFlight),
              () => unaryLoad(proxied, UNARY_CALLS, inFlight),
            ],
            (x) => x.rate,
          ),
      );
      const label = inFlight === 1 ? 'unary sequential' : `unary ${inFlight} in flight`;
      const addedP50 = (x: { p50: number }): string => `${(x.p50 - d.p50).toFixed(3)} ms`;
      for (const [table, via, extra] of [
        [rows, p, `proxy ${cpuPerCall}; floor ${(f.rate / d.rate).toFixed(2)}×`],
        [floorRows, f, `floor ${floorCpuPerCall}`],
      ] as const) {
        table.push({
          name: `${label} (calls/s)`,
          raw: d.rate,
          ours: via.rate,
          unit: '/s',
          higherIsBetter: true,
          target: 0.8,
          ...(extra ? { extra } : {}),
        });
        table.push({
          name: `${label} p50`,
          raw: d.p50,
          ours: via.p50,
          unit: 'ms',
          higherIsBetter: false,
          extra: `added ${addedP50(via)} (target ≤ 0.3 ms)${via === p ? `; floor added ${addedP50(f)}` : ''}`,
        });
        table.push({
          name: `${label} p99`,
          raw: d.p99,
          ours: via.p99,
          unit: 'ms',
          higherIsBetter: false,
        });
      }
    }

    if (STREAM_MSGS > 0)
      await streams(rows, floorRows, [direct, floor, proxied], [proxyChild, floorChild]);
    printRows('direct (raw) vs a plain TCP pipe, no HTTP/2, no recording (the floor)', floorRows);
    printRows('direct (raw) vs through gwb proxy with recording on (gwb)', rows);
    const size = folderSize(dir);
    console.log(`\nrecorded: ${size.files} recordings, ${(size.bytes / (1 << 20)).toFixed(1)} MiB`);
  } finally {
    direct.close();
    proxied.close();
    floor.close();
    floorChild.kill('SIGTERM');
    proxyChild.kill('SIGTERM');
    await new Promise((resolve) => proxyChild.once('exit', resolve));
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The server stream's rows: direct, floor and proxied rounds alternated. */
async function streams(
  rows: Row[],
  floorRows: Row[],
  [direct, floor, proxied]: RawBenchClient[],
  children: ChildProcess[],
): Promise<void> {
  const [[ds, fs, ps], [cpuPerMsg, floorCpuPerMsg]] = await withCpu(
    children,
    ROUNDS * STREAM_MSGS,
    'msg',
    () =>
      alternated(
        ROUNDS,
        [
          () => stream(direct as RawBenchClient, STREAM_MSGS),
          () => stream(floor as RawBenchClient, STREAM_MSGS),
          () => stream(proxied as RawBenchClient, STREAM_MSGS),
        ],
        (x) => x.rate,
      ),
  );
  floorRows.push({
    name: `server stream ${STREAM_MSGS} × ~50 B (msgs/s)`,
    raw: ds.rate,
    ours: fs.rate,
    unit: '/s',
    higherIsBetter: true,
    target: 0.8,
    extra: `floor ${floorCpuPerMsg}`,
  });
  rows.push({
    name: `server stream ${STREAM_MSGS} × ~50 B (msgs/s)`,
    raw: ds.rate,
    ours: ps.rate,
    unit: '/s',
    higherIsBetter: true,
    target: 0.8,
    extra: `count direct ${ds.count} proxied ${ps.count} ${ds.count === STREAM_MSGS && ps.count === STREAM_MSGS ? '(exact)' : '(WRONG COUNT)'}; proxy ${cpuPerMsg}; floor ${(fs.rate / ds.rate).toFixed(2)}×`,
  });
}

const childAt = process.argv.indexOf('--child');
const floorAt = process.argv.indexOf('--floor-child');
if (floorAt !== -1) {
  answerCpuUsage();
  void startFloorProxy(process.argv[floorAt + 1] as string).then((port) =>
    console.log(`PORT ${port}`),
  );
} else if (childAt !== -1) {
  void runProxyChild(process.argv[childAt + 1] as string, process.argv[childAt + 2] as string);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
