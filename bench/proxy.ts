// `npm run bench:proxy`: calls through gwb's capture proxy (main/capture) with recording on,
// against the same calls made directly, in the same run, to the same bench server. The proxy runs
// in a process of its own, as `gwb proxy` would, once on each of its paths (the capture thread,
// the event loop: BENCH_PROXY_PATHS). Prints ratios (≥ 1 is as good as direct); not a test: these
// machines are shared and noisy, so each measure alternates every way's rounds and keeps the best
// of a few. The floors are plain TCP pipes (no HTTP/2, no recording) in processes of their own:
// one in Node (bench/_floor-proxy.ts, which says why) and socat where it is installed (native: no
// Node event loop, so what is left is the extra loopback hop itself). gwb proxy passes plaintext
// connections through the same way and reads a copy: the clock stops at each client's status, so
// the proxied rows also say how long after it the proxy had closed that call's recording.
import '../main/platform/native-base64.js';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCaptureProxy } from '../main/capture/index.js';
import { recordingStarts } from '../main/recording/index.js';
import { loadProtoFiles } from '../main/schema/index.js';
import { mainThreadCpuMs, percentile, printRows, type Row } from './_stats.js';
import { rawBenchClient, rawUnary, type RawBenchClient } from './_bench-service.js';
import {
  askChild,
  childLine,
  forkBenchScript,
  forkBenchServer,
  processTreeCpuMs,
} from './_bench-processes.js';
import { SOCAT, startFloorProxy, startSocatFloor } from './_floor-proxy.js';
import {
  DISTURBED_RETRIES,
  OTHERS_MAX,
  disturbed,
  measureAlternated,
  type CpuMs,
} from './_alternated.js';
import { budgetUs, roundCpuText, withRoundCpu, type RoundCpu } from './_machine-cpu.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const UNARY_CALLS = Number(process.env.BENCH_UNARY ?? 3000);
const STREAM_MSGS = Number(process.env.BENCH_STREAM ?? 500_000);
/** BENCH_IN_FLIGHT=1 or 16 (or 0: no unary measure, e.g. to profile the stream alone). */
const IN_FLIGHT = (process.env.BENCH_IN_FLIGHT ?? '1,16').split(',').map(Number).filter(Boolean);

/** Where a gwb proxy child reads its calls: `--child TARGET DIR thread|event-loop`. */
type ChildPath = 'thread' | 'event-loop';

/**
 * The proxy's process: `proxy.cjs --child TARGET DIR PATH` prints `PATH <where it reads>` and
 * `PORT n`, then serves until killed. PATH forces the capture thread or the event loop, so both
 * are measured in one run whatever the machine's default.
 */
async function runProxyChild(target: string, dir: string, path: ChildPath): Promise<void> {
  const schema = loadProtoFiles({ files: [join(process.cwd(), 'bench/bench.proto')] });
  const proxy = await startCaptureProxy({
    host: '127.0.0.1',
    port: 0,
    target: { target, security: { kind: 'plaintext' } },
    // BENCH_PROXY_RECORD=0: the proxy forwards only, to see what recording costs.
    recordDir: process.env.BENCH_PROXY_RECORD === '0' ? undefined : dir,
    // As gwb proxy records: short calls whole into files of several recordings.
    packRecordings: true,
    schema: { registry: schema.registry, source: 'bench.proto' },
    captureThread: path === 'thread',
    onError: (error) => console.error(`proxy: ${error.message}`),
    // Each call's recording closed (as `gwb proxy` prints its line): when, for the parent.
    onCall: (call) => recordingClosed(call.method),
  });
  console.log(`PATH ${proxy.capturePath}`);
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

/** A Node child's CPU time so far (user and kernel, and its main thread's), in ms, asked over IPC. */
function childCpuMs(child: ChildProcess): Promise<CpuMs> {
  const cpu = askChild(child, 'cpu' satisfies ChildAsk, (a: ChildAnswer) =>
    'cpu' in a ? a.cpu : undefined,
  );
  return cpu as Promise<CpuMs>; // no time limit: undefined never comes
}

/** socat's CPU time so far, with its forked children's (no main thread to tell apart). */
function socatCpuMs(pid: number): Promise<CpuMs> {
  const cpu = processTreeCpuMs(pid) ?? { user: NaN, system: NaN };
  return Promise.resolve({ ...cpu, main: NaN });
}

/**
 * One way from the bench's clients to the bench server: direct, a floor (a pipe that records
 * nothing) or gwb proxy on one of its paths.
 */
interface Way {
  /** Short, for the other ways' rows: `node pipe 0.71×`. */
  name: string;
  /** The table's title. */
  title: string;
  client: RawBenchClient;
  /** The CPU time of the process(es) between the client and the server (none: direct). */
  cpu?: () => Promise<CpuMs>;
  /** gwb proxy's child, and its calls so far per method (to ask when the last recording closed). */
  proxy?: { child: ChildProcess; calls: { unary: number; stream: number } };
  /** The bench server's pid, and the pid of the process between it and the client (none: direct). */
  pids: { server: number; middle?: number };
}

interface UnaryRun {
  rate: number;
  /** Where the machine's CPU went during the round (see _machine-cpu.ts). */
  roundCpu?: RoundCpu;
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
      await rawUnary(c, seq);
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
  roundCpu?: RoundCpu;
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

const UNARY_PATH = '/bench.Bench/Unary';
const STREAM_PATH = '/bench.Bench/Stream';

/**
 * A run on `way`; through gwb proxy, also how long after its last status the proxy closed that
 * call's recording.
 */
async function runOn<T extends object>(
  way: Way,
  kind: 'unary' | 'stream',
  calls: number,
  run: (client: RawBenchClient) => Promise<T>,
): Promise<T & { closedAfterMs?: number }> {
  // A round's units: its calls, or a stream's messages.
  const units = (r: T): number => ('count' in r ? Number(r.count) : calls);
  const result = await withRoundCpu(way.pids.server, way.pids.middle, () => run(way.client), units);
  if (!way.proxy) return result;
  const statusAt = performance.timeOrigin + performance.now();
  way.proxy.calls[kind] += calls;
  const path = kind === 'unary' ? UNARY_PATH : STREAM_PATH;
  const closedAt = await recordingClosedAt(way.proxy.child, path, way.proxy.calls[kind]);
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
    return `; recording NOT closed ${RECORDING_CLOSE_WAIT_MS / 1000} s after the last status`;
  return `; recording closed ${ms.toFixed(1)} ms after the last status`;
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

function folderSize(dir: string): {
  recordings: number;
  packed: number;
  packs: number;
  bytes: number;
} {
  const names = readdirSync(dir);
  const packs = names.filter((name) => name.endsWith('.recordings'));
  const packed = packs.reduce((n, name) => n + recordingStarts(join(dir, name)).offsets.length, 0);
  return {
    recordings: names.length - packs.length + packed,
    packed,
    packs: packs.length,
    bytes: names.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0),
  };
}

/** BENCH_PROXY_PATHS: which of gwb proxy's paths to measure (default both, in one run). */
const PROXY_PATHS = (process.env.BENCH_PROXY_PATHS ?? 'thread,event-loop')
  .split(',')
  .filter((p): p is ChildPath => p === 'thread' || p === 'event-loop');

/** What the proxy must say it reads on, for each path asked for. */
const SAID_PATH: Record<ChildPath, string> = { thread: 'thread', 'event-loop': 'event loop' };

/** A gwb proxy child on `path`, recording into a folder of its own under `parent`. */
async function proxyWay(
  { target, server }: BenchServer,
  parent: string,
  path: ChildPath,
  nodeArgs: string[],
): Promise<Way & { dir: string }> {
  const dir = mkdtempSync(join(parent, `${path}-`));
  const child = forkBenchScript('proxy', ['--child', target, dir, path], nodeArgs);
  const [said, port] = await Promise.all([childLine(child, 'PATH'), childLine(child, 'PORT')]);
  // A path silently not taken (no thread program in dist/) would measure the other one twice.
  if (said !== SAID_PATH[path]) throw new Error(`gwb proxy asked for ${path} reads on the ${said}`);
  return {
    name: `gwb ${SAID_PATH[path]}`,
    title: `direct (raw) vs through gwb proxy with recording on, read on the ${SAID_PATH[path]} (gwb)`,
    client: rawBenchClient(`127.0.0.1:${port}`),
    cpu: () => childCpuMs(child),
    proxy: { child, calls: { unary: 0, stream: 0 } },
    pids: { server, middle: child.pid },
    dir,
  };
}

/** The floors: the Node pipe, and socat where it is installed. */
async function floorWays({
  target,
  server,
}: BenchServer): Promise<{ ways: Way[]; children: ChildProcess[] }> {
  const node = forkBenchScript('proxy', ['--floor-child', target], []);
  const nodePort = await childLine(node, 'PORT');
  const ways: Way[] = [
    {
      name: 'node pipe',
      title: 'direct (raw) vs a plain TCP pipe in Node, no HTTP/2, no recording (the floor)',
      client: rawBenchClient(`127.0.0.1:${nodePort}`),
      cpu: () => childCpuMs(node),
      pids: { server, middle: node.pid },
    },
  ];
  const socat = await startSocatFloor(target);
  if (socat === undefined) {
    console.log(`no native floor: ${SOCAT} is not installed`);
    return { ways, children: [node] };
  }
  const pid = socat.child.pid as number;
  ways.push({
    name: 'socat',
    title: 'direct (raw) vs socat, a native TCP pipe (the native floor: the hop itself)',
    client: rawBenchClient(`127.0.0.1:${socat.port}`),
    cpu: () => socatCpuMs(pid),
    pids: { server, middle: pid },
  });
  return { ways, children: [node, socat.child] };
}

/** The bench server: its address and its pid. */
interface BenchServer {
  target: string;
  server: number;
}

async function main(): Promise<void> {
  const { target, child: server } = await forkBenchServer();
  const bench: BenchServer = { target, server: server.pid as number };
  // BENCH_PROXY_DIR: where the recordings go (default the OS temp folder).
  const dir = mkdtempSync(join(process.env.BENCH_PROXY_DIR ?? tmpdir(), 'gwb-bench-proxy-'));
  const creation = fileCreationCost(dir);
  console.log(
    `creating a file in ${dir}: ${creation.cpu.toFixed(0)} µs CPU, ${creation.wall.toFixed(0)} µs wall (one per recorded call)`,
  );
  // BENCH_PROXY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the proxy's processes.
  const proxyNodeArgs = process.env.BENCH_PROXY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const floors = await floorWays(bench);
  const proxies = await Promise.all(
    PROXY_PATHS.map((path) => proxyWay(bench, dir, path, proxyNodeArgs)),
  );
  const direct: Way = {
    name: 'direct',
    title: '',
    client: rawBenchClient(target),
    pids: { server: bench.server },
  };
  const ways = [direct, ...floors.ways, ...proxies];
  console.log(
    `bench server at ${target}; ${ways.map((w) => w.name).join(', ')}; recording to ${dir}; ${ROUNDS} rounds alternated, best kept`,
  );
  const tables = new Map<Way, Row[]>(ways.slice(1).map((w) => [w, []]));
  try {
    // Warm every way (JIT, connections) before measuring.
    for (const way of ways) await runOn(way, 'unary', 500, (c) => unaryLoad(c, 500, 4));

    for (const inFlight of IN_FLIGHT) {
      // Each way's process idles through the other ways' rounds: its CPU time is its own rounds'.
      const [runs, cpu] = await measureAlternated(ways, {
        rounds: ROUNDS,
        unitsPerRound: UNARY_CALLS,
        unit: 'call',
        runs: ways.map(
          (way) => () =>
            runOn(way, 'unary', UNARY_CALLS, (c) => unaryLoad(c, UNARY_CALLS, inFlight)),
        ),
        key: (x) => x.rate,
      });
      unaryRows(ways, runs, cpu, inFlight, tables);
    }
    if (STREAM_MSGS > 0) await streams(ways, tables);
    for (const [way, rows] of tables) printRows(way.title, rows);
    console.log('');
    console.log(
      `rounds run again because other processes kept over ${OTHERS_MAX} cores busy: ${disturbed.rerun}; kept so disturbed after ${DISTURBED_RETRIES} tries: ${disturbed.kept}`,
    );
    for (const p of proxies) {
      const size = folderSize(p.dir);
      console.log(
        `${p.name} recorded: ${size.recordings} recordings (${size.packed} of them in ${size.packs} files of several), ${(size.bytes / (1 << 20)).toFixed(1)} MiB`,
      );
    }
  } finally {
    for (const way of ways) way.client.close();
    for (const child of floors.children) child.kill('SIGTERM');
    for (const p of proxies) p.proxy?.child.kill('SIGTERM');
    await Promise.all(
      proxies.map((p) => new Promise((resolve) => p.proxy?.child.once('exit', resolve))),
    );
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The other ways' ratios to direct, for a proxy's row: `node pipe 0.71×, socat 0.80×`. */
function floorsText(ways: Way[], rates: number[]): string {
  const floors = ways.slice(1).filter((w) => !w.proxy);
  return floors
    .map((w) => `${w.name} ${((rates[ways.indexOf(w)] ?? NaN) / (rates[0] ?? NaN)).toFixed(2)}×`)
    .join(', ');
}

/**
 * Where the CPU went in the kept rounds of direct and of `via` (per `unit`), and what 0.8× would
 * leave the middle process were direct calls CPU-bound: a quarter of what client and server spend.
 */
function budgetText(direct: UnaryRun | StreamRun, via: UnaryRun | StreamRun, unit: string): string {
  if (!direct.roundCpu || !via.roundCpu) return '';
  const budget = budgetUs(direct.roundCpu);
  return `; direct: ${roundCpuText(direct.roundCpu, unit)}; here: ${roundCpuText(via.roundCpu, unit)}; 0.8× if CPU-bound leaves ≤ ${budget} µs/${unit} to the middle`;
}

/**
 * The throughput row of `ways[at]` against direct (runs[0]), target 0.8×. A floor's row says
 * `lead` (its CPU); a proxy's says `lead`, its CPU, the floors' ratios and when it closed the
 * last recording; both say where the machine's CPU went (budgetText).
 */
function rateRow(
  name: string,
  ways: Way[],
  runs: (UnaryRun | StreamRun)[],
  at: number,
  lead: string,
  cpu: string[],
  unit: string,
): Row {
  const via = runs[at] as UnaryRun | StreamRun;
  const budget = budgetText(runs[0] as UnaryRun | StreamRun, via, unit);
  const rates = runs.map((r) => r.rate);
  return {
    name,
    raw: rates[0] ?? NaN,
    ours: via.rate,
    unit: '/s',
    higherIsBetter: true,
    target: 0.8,
    extra: ways[at]?.proxy
      ? `${lead}proxy ${cpu[at]}; ${floorsText(ways, rates)}${closedText(via)}${budget}`
      : `${lead}${budget}`,
  };
}

/** The unary rows of every way but direct (ways[0]), from the kept run of each. */
function unaryRows(
  ways: Way[],
  runs: UnaryRun[],
  cpu: string[],
  inFlight: number,
  tables: Map<Way, Row[]>,
): void {
  const label = inFlight === 1 ? 'unary sequential' : `unary ${inFlight} in flight`;
  const d = runs[0] as UnaryRun;
  const added = (x: UnaryRun): string => `${(x.p50 - d.p50).toFixed(3)} ms`;
  const floors = ways.slice(1).filter((w) => !w.proxy);
  for (const [at, way] of ways.entries()) {
    const via = runs[at] as UnaryRun;
    const rows = tables.get(way);
    if (!rows) continue;
    const floorP50 = floors.map(
      (w) => `${w.name} added ${added(runs[ways.indexOf(w)] as UnaryRun)}`,
    );
    rows.push(
      rateRow(
        `${label} (calls/s)`,
        ways,
        runs,
        at,
        way.proxy ? '' : `${way.name} ${cpu[at]}`,
        cpu,
        'call',
      ),
      {
        name: `${label} p50`,
        raw: d.p50,
        ours: via.p50,
        unit: 'ms',
        higherIsBetter: false,
        extra: `added ${added(via)} (target ≤ 0.3 ms)${way.proxy ? `; ${floorP50.join(', ')}` : ''}`,
      },
      { name: `${label} p99`, raw: d.p99, ours: via.p99, unit: 'ms', higherIsBetter: false },
    );
  }
}

/** The server stream's rows: every way's rounds alternated. */
async function streams(ways: Way[], tables: Map<Way, Row[]>): Promise<void> {
  const [runs, cpu] = await measureAlternated(ways, {
    rounds: ROUNDS,
    unitsPerRound: STREAM_MSGS,
    unit: 'msg',
    runs: ways.map((way) => () => runOn(way, 'stream', 1, (c) => stream(c, STREAM_MSGS))),
    key: (x) => x.rate,
  });
  const d = runs[0] as StreamRun;
  for (const [at, way] of ways.entries()) {
    const via = runs[at] as StreamRun;
    const exact =
      d.count === STREAM_MSGS && via.count === STREAM_MSGS ? '(exact)' : '(WRONG COUNT)';
    const name = `server stream ${STREAM_MSGS} × ~50 B (msgs/s)`;
    const counts = `count direct ${d.count} proxied ${via.count} ${exact}; `;
    tables
      .get(way)
      ?.push(
        rateRow(name, ways, runs, at, way.proxy ? counts : `${way.name} ${cpu[at]}`, cpu, 'msg'),
      );
  }
}

const childAt = process.argv.indexOf('--child');
const floorAt = process.argv.indexOf('--floor-child');
if (floorAt !== -1) {
  answerCpuUsage();
  void startFloorProxy(process.argv[floorAt + 1] as string).then((port) =>
    console.log(`PORT ${port}`),
  );
} else if (childAt !== -1) {
  const [target, dir, path] = process.argv.slice(childAt + 1);
  void runProxyChild(target as string, dir as string, path as ChildPath);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
