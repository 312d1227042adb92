// `npm run bench:proxy`: calls through gwb's capture proxy (main/capture) with recording on,
// against the same calls made directly, in the same run, to the same bench server. The proxy runs
// in a process of its own, as `gwb proxy` would. Prints ratios (≥ 1 is as good as direct); not a
// test: these machines are shared and noisy, so each measure alternates direct, floor and proxied
// rounds and keeps the best of a few. The floor is a plain TCP pipe (no HTTP/2, no recording,
// bench/_floor-proxy.ts, which says why) in a process of its own: what any proxy costs for the
// extra hop. gwb proxy passes plaintext connections through the same way and reads a copy, on a
// thread of its own (main/capture/thread): the clock stops at each client's status, so the
// proxied rows also say how long after it the proxy had closed that call's recording.
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
import { askChild, childLine, forkBenchScript, forkBenchServer } from './_bench-processes.js';
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
    // Each call's recording closed (as `gwb proxy` prints its line): when, for the parent.
    onCall: (call) => recordingClosed(call.method),
  });
  console.log(`PORT ${proxy.port}`);
  // The proxy's CPU time so far, asked for over IPC: what proxying costs whatever else loads the machine.
  answerCpuUsage();
  process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
}

/** Epoch ms with sub-ms precision, comparable between the bench's processes. */
const epochMs = (): number => performance.timeOrigin + performance.now();

/** Recordings closed so far per method, and when the last one closed (the proxy child's). */
const closedRecordings = new Map<string, { n: number; at: number }>();
const closeWaiters: { method: string; n: number; answer: (at: number) => void }[] = [];

function recordingClosed(method: string): void {
  const closed = closedRecordings.get(method) ?? { n: 0, at: 0 };
  closed.n++;
  closed.at = epochMs();
  closedRecordings.set(method, closed);
  for (const waiter of closeWaiters.splice(0))
    if (closed.n >= waiter.n && waiter.method === method) waiter.answer(closed.at);
    else closeWaiters.push(waiter);
}

/** In the proxy child: answers once `n` recordings of `method` have closed, with the last's time. */
function whenClosed(method: string, n: number, answer: (at: number) => void): void {
  const closed = closedRecordings.get(method);
  if (closed && closed.n >= n) return answer(closed.at);
  closeWaiters.push({ method, n, answer });
}

type ChildAsk = 'cpu' | { closed: string; n: number };
type ChildAnswer = { cpu: CpuMs } | { closedAt: number };

/**
 * When the proxy had closed the recording of the `n`th call of `method` (epoch ms): the clock of a
 * proxied measure stops at the client's status, but recording goes on after it, off the event
 * loop; this says how long after (a figure must not improve by moving work past the clock).
 */
function recordingClosedAt(
  child: ChildProcess,
  method: string,
  n: number,
): Promise<number | undefined> {
  return askChild(
    child,
    { closed: method, n } satisfies ChildAsk,
    (a: ChildAnswer) => ('closedAt' in a ? a.closedAt : undefined),
    RECORDING_CLOSE_WAIT_MS,
  );
}

/** How long a row waits for the proxy to close its last call's recording (it may never: a thread that died, a count off by one). */
const RECORDING_CLOSE_WAIT_MS = 30_000;

interface CpuMs {
  user: number;
  system: number;
  /** The main thread's (the event loop's) user + kernel time; NaN where /proc has none. */
  main: number;
}

/** Answers the parent's questions: this process's CPU time so far, when recordings closed. */
function answerCpuUsage(): void {
  process.on('message', (question: ChildAsk) => {
    const answer = (a: ChildAnswer): void => void process.send?.(a);
    if (question !== 'cpu')
      return whenClosed(question.closed, question.n, (closedAt) => answer({ closedAt }));
    const usage = process.cpuUsage();
    const cpu: CpuMs = {
      user: usage.user / 1000,
      system: usage.system / 1000,
      main: mainThreadCpuMs() ?? NaN,
    };
    answer({ cpu });
  });
}

/** The proxy process's CPU time so far (user and kernel, and its main thread's), in ms. */
function proxyCpuMs(child: ChildProcess): Promise<CpuMs> {
  const cpu = askChild(child, 'cpu' satisfies ChildAsk, (a: ChildAnswer) =>
    'cpu' in a ? a.cpu : undefined,
  );
  return cpu as Promise<CpuMs>; // no time limit: undefined never comes
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

interface UnaryRun {
  rate: number;
  p50: number;
  p99: number;
  /** Proxied: ms from the round's last status to the proxy's recording of that call closed. */
  closedAfterMs?: number;
}

async function unaryLoad(c: RawBenchClient, total: number, inFlight: number): Promise<UnaryRun> {
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

interface StreamRun {
  rate: number;
  count: number;
  /** Proxied: ms from the client's status to the proxy's recording of the call closed. */
  closedAfterMs?: number;
}

function stream(c: RawBenchClient, count: number): Promise<StreamRun> {
  return new Promise((resolve, reject) => {
    let n = 0;
    const t0 = performance.now();
    const s = c.Stream({ count, size: 30 });
    s.on('data', () => n++);
    s.on('error', reject);
    s.on('status', () => resolve({ rate: n / ((performance.now() - t0) / 1000), count: n }));
  });
}

/** Calls of each method made through the proxy so far (to ask when the last one's recording closed). */
const proxiedCalls = { unary: 0, stream: 0 };
const UNARY_PATH = '/bench.Bench/Unary';
const STREAM_PATH = '/bench.Bench/Stream';

/** A proxied run, and how long after its last status the proxy closed that call's recording. */
async function closedAfter<T extends object>(
  child: ChildProcess,
  kind: 'unary' | 'stream',
  calls: number,
  run: () => Promise<T>,
): Promise<T & { closedAfterMs: number }> {
  const result = await run();
  const statusAt = performance.timeOrigin + performance.now();
  proxiedCalls[kind] += calls;
  const path = kind === 'unary' ? UNARY_PATH : STREAM_PATH;
  const closedAt = await recordingClosedAt(child, path, proxiedCalls[kind]);
  // NaN: not closed within RECORDING_CLOSE_WAIT_MS (closedText says so).
  const closedAfterMs = closedAt === undefined ? NaN : Math.max(0, closedAt - statusAt);
  return { ...result, closedAfterMs };
}

/**
 * The clock stops at the client's status; the proxy closes the call's recording after it (the
 * last call's, for a round of unary calls): how much after, for the round kept.
 */
function closedText(run: { closedAfterMs?: number }): string {
  const ms = run.closedAfterMs;
  if (ms === undefined) return '';
  if (Number.isNaN(ms))
    return `recording NOT closed ${RECORDING_CLOSE_WAIT_MS / 1000} s after the last status`;
  return `recording closed ${ms.toFixed(1)} ms after the last status`;
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
    proxiedCalls.unary += 500;

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
              () =>
                closedAfter(proxyChild, 'unary', UNARY_CALLS, () =>
                  unaryLoad(proxied, UNARY_CALLS, inFlight),
                ),
            ],
            (x) => x.rate,
          ),
      );
      const label = inFlight === 1 ? 'unary sequential' : `unary ${inFlight} in flight`;
      const addedP50 = (x: { p50: number }): string => `${(x.p50 - d.p50).toFixed(3)} ms`;
      for (const [table, via, extra] of [
        [rows, p, `proxy ${cpuPerCall}; floor ${(f.rate / d.rate).toFixed(2)}×; ${closedText(p)}`],
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
          () =>
            closedAfter(children[0] as ChildProcess, 'stream', 1, () =>
              stream(proxied as RawBenchClient, STREAM_MSGS),
            ),
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
    extra: `count direct ${ds.count} proxied ${ps.count} ${ds.count === STREAM_MSGS && ps.count === STREAM_MSGS ? '(exact)' : '(WRONG COUNT)'}; proxy ${cpuPerMsg}; floor ${(fs.rate / ds.rate).toFixed(2)}×; ${closedText(ps)}`,
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
