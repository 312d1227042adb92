// `npm run bench:run`: the collection runner's cost per request. A collection of 500 saved unary
// requests, 3 assertions each, against the bench server, run by the engine's runner as `gwb run`
// runs it (saved files read, variables substituted, CEL assertions, history kept) — against the
// same 500 calls made raw through a grpc-js client in the same process and run, checking the same
// three things in plain JavaScript. Prints ms per request and the ratio (target ≤ 1.2×). Not a
// test: the machines are shared and noisy, so raw and runner alternate and the best round counts.
import '../main/platform/native-base64.js';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { openCliEngine } from '../app/cli/engine-host.js';
import type { CallObserverFactory } from '../main/engine/call-observer.js';
import { isHistoryFile } from '../main/workspace/history/history-files.js';
import { openWorkspace } from '../main/workspace/workspace.js';
import { rawBenchClient, type RawBenchClient } from './_bench-service.js';
import { forkBenchServer } from './_bench-processes.js';
import { mainThreadCpuMs } from './_stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
/**
 * `history` or `off`: only that runner's rounds, no raw ones; `raw`: only the raw client's
 * (measureOnly; with node's --trace-gc-nvp, what each young collection keeps, for each alone).
 */
const ONLY = process.env.BENCH_ONLY;
/** With BENCH_ONLY: a .cpuprofile of the measured rounds only (not the set-up and warm-up). */
const PROFILE = process.env.BENCH_PROFILE;
/**
 * With BENCH_ONLY: a sampling heap profile (.heapprofile) of the measured rounds only, collected
 * objects included: what each request allocates (and the garbage collector then sweeps).
 */
const HEAP = process.env.BENCH_HEAP;
/**
 * Each round's time on the main thread, busy and idle, per request: a runner whose main thread
 * is never idle is bound by its own work there (and cannot hide any behind the network).
 */
const SHOW_LOOP = process.env.BENCH_LOOP !== undefined;
/**
 * BENCH_SNAPSHOT=N,M,…:PREFIX — heap snapshots PREFIX-N.heapsnapshot… written as the Nth (Mth…)
 * call of the process begins (counted from the first warm-up call): what a run keeps alive midway,
 * and, between two of them, what it made meanwhile and still keeps (what young collections promote).
 */
const SNAPSHOT = /^([\d,]+):(.+)$/.exec(process.env.BENCH_SNAPSHOT ?? '');
const SNAPSHOT_AT = new Set((SNAPSHOT?.[1] ?? '').split(',').map(Number));

/**
 * The runner's own time between two calls: from one call's end (its ended event, as the first
 * observer hears it) to the next call's begin, per request (median and 90th percentile of each
 * round). What the runner does there (judging, reporting, getting the next call ready) the network
 * cannot hide; a raw client's is nearly nothing.
 */
class Gaps {
  private lastEnd: number | undefined;
  private gaps: number[] = [];
  private calls = 0;

  readonly observer: CallObserverFactory = () => {
    if (SNAPSHOT && SNAPSHOT_AT.has(++this.calls))
      writeHeapSnapshot(`${SNAPSHOT[2]}-${this.calls}.heapsnapshot`);
    if (this.lastEnd !== undefined) this.gaps.push(performance.now() - this.lastEnd);
    this.lastEnd = undefined;
    return {
      onEvent: (event) => {
        if (event.type === 'ended') this.lastEnd = performance.now();
      },
    };
  };

  /** The round's gaps, and a fresh start for the next round. */
  take(): string {
    const sorted = this.gaps.sort((a, b) => a - b);
    const at = (q: number): string =>
      `${((sorted[Math.floor(q * (sorted.length - 1))] ?? 0) * 1000).toFixed(0)} µs`;
    this.gaps = [];
    this.lastEnd = undefined;
    return `end → next begin: median ${at(0.5)}, p90 ${at(0.9)}`;
  }
}
const gaps = new Gaps();

const ASSERTIONS = [
  { expr: 'status.code == 0' },
  { expr: 'response.text == "hello"' },
  { expr: 'response.text.size() == 5' },
];

function makeWorkspace(target: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gwb-bench-run-'));
  const ws = openWorkspace(dir);
  copyFileSync(join(process.cwd(), 'bench/bench.proto'), join(dir, 'bench.proto'));
  for (let i = 0; i < REQUESTS; i++) {
    ws.saveRequest(`bench/r${String(i).padStart(4, '0')}`, {
      name: `r${i}`,
      connection: { address: target, security: { kind: 'plaintext' } },
      schema: { kind: 'protoFiles', files: ['bench.proto'], importPaths: [] },
      method: '/bench.Bench/Unary',
      messages: [{ seq: String(i), text: 'hello' }],
      metadata: [],
      options: {},
      notes: '',
      assertions: ASSERTIONS,
    });
  }
  return dir;
}

/** The same calls raw, one after another, with the same three checks. */
async function rawRound(client: RawBenchClient): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    await new Promise<void>((resolve, reject) =>
      client.Unary({ seq: i, text: 'hello' }, (err, res) => {
        const r = res as { seq?: string; text?: string } | undefined;
        if (err) return reject(err);
        if (r?.text !== 'hello' || !(Number(r.seq ?? 0) >= 0)) return reject(new Error('check'));
        resolve();
      }),
    );
  }
  return performance.now() - t0;
}

type CliEngine = ReturnType<typeof openCliEngine>;

/** The CPU profiler of this process, started; stop() gives the profile. */
async function startProfile(): Promise<{ stop(): Promise<unknown> }> {
  const session = new Session();
  session.connect();
  const post = (method: string): Promise<unknown> =>
    new Promise((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  // 100 µs: a request costs well under a millisecond, the default 1 ms interval sees little of it.
  await new Promise((resolve) =>
    session.post('Profiler.setSamplingInterval', { interval: 100 }, resolve),
  );
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      return profile;
    },
  };
}

/** The sampling heap profiler of this process, started; stop() gives the profile. */
async function startHeapProfile(): Promise<{ stop(): Promise<unknown> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('HeapProfiler.startSampling', {
    // Every 4 KiB allocated: a request allocates tens of KiB, so each is seen.
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    stop: async () => {
      const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
      session.disconnect();
      return profile;
    },
  };
}

const perRequest = (ms: number): string => `${(ms / REQUESTS).toFixed(3)} ms`;

/**
 * BENCH_ONLY: the rounds of one runner alone, its garbage collection time, and with BENCH_PROFILE
 * a CPU profile of these rounds only (what history costs: profile `history` and `off`, compare).
 */
async function measureOnly(
  label: string,
  round: () => Promise<number>,
  check?: () => Promise<void>,
): Promise<void> {
  const best = new Best();
  const profiler = PROFILE === undefined ? undefined : await startProfile();
  const heap = HEAP === undefined ? undefined : await startHeapProfile();
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < ROUNDS; i++) await best.measure(round, check);
  gc.disconnect();
  if (profiler && PROFILE) writeFileSync(PROFILE, JSON.stringify(await profiler.stop()));
  if (heap && HEAP) writeFileSync(HEAP, JSON.stringify(await heap.stop()));
  console.log(
    `${label}: ${perRequest(best.ms)}, CPU ${perRequest(best.cpuMs)} a request (best round); ` +
      `GC ${perRequest(gcMs / ROUNDS)} a request (mean)` +
      (best.mainCpuMs() === undefined
        ? ''
        : `; main thread CPU ${perRequest(best.mainCpuMs() as number)} a request (mean)`),
  );
}

/**
 * The best round of one measure: wall time, and this process's CPU time, each its own best; and
 * its main thread's CPU time over all rounds (ticks of 10 ms: a best round would favour luck).
 */
class Best {
  ms = Infinity;
  cpuMs = Infinity;
  private mainMs = 0;
  private rounds = 0;

  /** The main thread's CPU ms a round, mean of all rounds; undefined where it cannot be read. */
  mainCpuMs(): number | undefined {
    return mainThreadCpuMs() === undefined ? undefined : this.mainMs / this.rounds;
  }

  /** `check`: what the round must have done, checked after it is measured. */
  async measure(round: () => Promise<number>, check?: () => Promise<void>): Promise<void> {
    const cpu = process.cpuUsage();
    const main = mainThreadCpuMs();
    const loop = performance.eventLoopUtilization();
    const ms = await round();
    const used = process.cpuUsage(cpu);
    const mainAfter = mainThreadCpuMs();
    const gap = gaps.take();
    if (SHOW_LOOP) {
      const { active, idle } = performance.eventLoopUtilization(loop);
      console.log(
        `  round ${perRequest(ms)} a request: main thread busy ${perRequest(active)}, idle ${perRequest(idle)}` +
          (gap.includes('median 0 µs') ? '' : `; ${gap}`),
      );
    }
    await check?.();
    this.ms = Math.min(this.ms, ms);
    this.cpuMs = Math.min(this.cpuMs, (used.user + used.system) / 1000);
    if (main !== undefined && mainAfter !== undefined) this.mainMs += mainAfter - main;
    this.rounds++;
  }
}

/**
 * That the run's history is on disk when the run answers: the runner writes (and syncs) its
 * calls' last batch before runner.wait resolves, as gwb run relies on. Checked after the timed
 * part, not polled inside it: the check (a listing, which reads and validates the newest batch
 * file) is not work gwb run does, and cost a round up to 6 ms on a busy disk.
 */
async function historyOnDisk(engine: CliEngine, workspace: string): Promise<void> {
  const newest = (await engine.run('history.list', { limit: 1 })).entries[0];
  if (!newest) throw new Error('history: no entry after a run with history kept');
  const dir = join(workspace, 'history');
  const file = readdirSync(dir).filter(isHistoryFile).sort().at(-1);
  const text = file === undefined ? '' : readFileSync(join(dir, file), 'utf8');
  if (!text.includes(`"id":"${newest.id}"`))
    throw new Error(`history: the run answered before its last entry (${newest.id}) was on disk`);
}

/**
 * One run of the whole collection through the engine's runner; its wall time in ms, until
 * runner.wait answers (with history kept, after its last batch is on disk: historyOnDisk).
 */
async function runnerRound(engine: CliEngine): Promise<number> {
  const t0 = performance.now();
  const { runId } = await engine.run('runner.start', { target: 'bench' });
  const result = await engine.run('runner.wait', { runId });
  const ms = performance.now() - t0;
  const s = result.summary;
  if (s.passed !== REQUESTS || s.assertionsPassed !== REQUESTS * ASSERTIONS.length)
    throw new Error(`runner: ${JSON.stringify(s)} ${JSON.stringify(result.results[0])}`);
  return ms;
}

async function main(): Promise<void> {
  const { target, child } = await forkBenchServer();
  const workspace = makeWorkspace(target);
  const dataDirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'gwb-bench-run-data-')));
  // As gwb run makes them (history kept: a file per batch of calls, synced once), and without
  // history, to tell the runner's own cost from the history store's.
  // The gaps observer only when its figures (or snapshots) are asked for: gwb run has no such
  // observer, and its work on every call event is the bench's, not the runner's.
  const observers = SHOW_LOOP || SNAPSHOT ? [gaps.observer] : [];
  // gwb run watches no call (it prints from the runner's progress): watchesCalls false, as gwb
  // run opens its engine (app/cli/commands/workspace.ts).
  const asGwbRun = { observers, watchesCalls: false };
  const withHistory = openCliEngine({ dataDir: dataDirs[0] as string, history: true, ...asGwbRun });
  const noHistory = openCliEngine({ dataDir: dataDirs[1] as string, history: false, ...asGwbRun });
  const raw = rawBenchClient(target);
  try {
    for (const engine of [withHistory, noHistory])
      await engine.run('workspace.open', { dir: workspace });
    console.log(
      `bench server at ${target}; ${REQUESTS} requests × ${ASSERTIONS.length} assertions; ${ROUNDS} rounds, best kept`,
    );
    const historyChecked = () => historyOnDisk(withHistory, workspace);
    // Warm every path (JIT, connection, schema, CEL compile cache).
    await rawRound(raw);
    await runnerRound(withHistory);
    await historyChecked();
    await runnerRound(noHistory);
    // Wall time is what the target is about; CPU time of this process (the client and the
    // engine; the server is another process) says the same with less of the machine's load in it.
    const best = { raw: new Best(), history: new Best(), noHistory: new Best() };
    if (ONLY === 'raw') {
      await measureOnly(ONLY, () => rawRound(raw));
      return;
    }
    if (ONLY !== undefined) {
      const engine = ONLY === 'history' ? withHistory : noHistory;
      await measureOnly(
        ONLY,
        () => runnerRound(engine),
        ONLY === 'history' ? historyChecked : undefined,
      );
      return;
    }
    for (let round = 0; round < ROUNDS; round++) {
      await best.raw.measure(() => rawRound(raw));
      await best.history.measure(() => runnerRound(withHistory), historyChecked);
      await best.noHistory.measure(() => runnerRound(noHistory));
    }
    console.log('\n| measure | raw grpc-js | gwb runner | ratio | target |');
    console.log('|---|---|---|---|---|');
    for (const [label, runner] of [
      ['as gwb run (history kept)', best.history],
      ['history off', best.noHistory],
    ] as const) {
      const ratio = runner.ms / best.raw.ms;
      console.log(
        `| ms per request, ${label} | ${perRequest(best.raw.ms)} | ${perRequest(runner.ms)} | ${ratio.toFixed(2)}× | ≤ 1.20× ${ratio <= 1.2 ? 'ok' : 'MISSED'} |`,
      );
      console.log(
        `| CPU ms per request, ${label} | ${perRequest(best.raw.cpuMs)} | ${perRequest(runner.cpuMs)} | ${(runner.cpuMs / best.raw.cpuMs).toFixed(2)}× | |`,
      );
      const [rawMain, runnerMain] = [best.raw.mainCpuMs(), runner.mainCpuMs()];
      if (rawMain !== undefined && runnerMain !== undefined)
        console.log(
          `| main thread CPU ms per request (mean), ${label} | ${perRequest(rawMain)} | ${perRequest(runnerMain)} | ${(runnerMain / rawMain).toFixed(2)}× | |`,
        );
    }
  } finally {
    raw.close();
    await withHistory.close();
    await noHistory.close();
    child.kill();
    rmSync(workspace, { recursive: true, force: true });
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
