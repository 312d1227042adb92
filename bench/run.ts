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
import { openCliEngine } from '../app/cli/engine-host.js';
import { isHistoryFile } from '../main/workspace/history/history-files.js';
import { openWorkspace } from '../main/workspace/workspace.js';
import { rawBenchClient, type RawBenchClient } from './_bench-service.js';
import { forkBenchServer } from './_bench-processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
/** `history` or `off`: only that runner's rounds, no raw ones (measureOnly). */
const ONLY = process.env.BENCH_ONLY;
/** With BENCH_ONLY: a .cpuprofile of the measured rounds only (not the set-up and warm-up). */
const PROFILE = process.env.BENCH_PROFILE;

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

const perRequest = (ms: number): string => `${(ms / REQUESTS).toFixed(3)} ms`;

/**
 * BENCH_ONLY: the rounds of one runner alone, its garbage collection time, and with BENCH_PROFILE
 * a CPU profile of these rounds only (what history costs: profile `history` and `off`, compare).
 */
async function measureOnly(label: string, round: () => Promise<number>): Promise<void> {
  const best = new Best();
  const profiler = PROFILE === undefined ? undefined : await startProfile();
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < ROUNDS; i++) await best.measure(round);
  gc.disconnect();
  if (profiler && PROFILE) writeFileSync(PROFILE, JSON.stringify(await profiler.stop()));
  console.log(
    `${label}: ${perRequest(best.ms)}, CPU ${perRequest(best.cpuMs)} a request (best round); ` +
      `GC ${perRequest(gcMs / ROUNDS)} a request (mean)`,
  );
}

/** The best round of one measure: wall time, and this process's CPU time, each its own best. */
class Best {
  ms = Infinity;
  cpuMs = Infinity;

  async measure(round: () => Promise<number>): Promise<void> {
    const cpu = process.cpuUsage();
    const ms = await round();
    const used = process.cpuUsage(cpu);
    this.ms = Math.min(this.ms, ms);
    this.cpuMs = Math.min(this.cpuMs, (used.user + used.system) / 1000);
  }
}

/**
 * Until the newest history entry is on disk: history is written in batches after the calls, and
 * a run is not done before its last batch is (gwb run waits for it on close).
 */
async function historyWritten(engine: CliEngine, workspace: string): Promise<void> {
  const newest = (await engine.run('history.list', { limit: 1 })).entries[0];
  if (!newest) throw new Error('history: no entry after a run with history kept');
  // The newest entry is in the newest history file (a batch) once its batch is written. A file is
  // read once, when it is new: polling must not cost the run it measures more than a listing.
  const dir = join(workspace, 'history');
  let seen: string | undefined;
  const written = (): boolean => {
    const file = readdirSync(dir).filter(isHistoryFile).sort().at(-1);
    if (file === undefined || file === seen) return false;
    seen = file;
    return readFileSync(join(dir, file), 'utf8').includes(`"id":"${newest.id}"`);
  };
  while (!written()) await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * One run of the whole collection through the engine's runner; its wall time in ms, up to its
 * last history entry on disk when `workspace` is given.
 */
async function runnerRound(engine: CliEngine, workspace?: string): Promise<number> {
  const t0 = performance.now();
  const { runId } = await engine.run('runner.start', { target: 'bench' });
  const result = await engine.run('runner.wait', { runId });
  if (workspace !== undefined) await historyWritten(engine, workspace);
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
  const withHistory = openCliEngine({ dataDir: dataDirs[0] as string, history: true });
  const noHistory = openCliEngine({ dataDir: dataDirs[1] as string, history: false });
  const raw = rawBenchClient(target);
  try {
    for (const engine of [withHistory, noHistory])
      await engine.run('workspace.open', { dir: workspace });
    console.log(
      `bench server at ${target}; ${REQUESTS} requests × ${ASSERTIONS.length} assertions; ${ROUNDS} rounds, best kept`,
    );
    // Warm every path (JIT, connection, schema, CEL compile cache).
    await rawRound(raw);
    await runnerRound(withHistory, workspace);
    await runnerRound(noHistory);
    // Wall time is what the target is about; CPU time of this process (the client and the
    // engine; the server is another process) says the same with less of the machine's load in it.
    const best = { raw: new Best(), history: new Best(), noHistory: new Best() };
    if (ONLY !== undefined) {
      const engine = ONLY === 'history' ? withHistory : noHistory;
      await measureOnly(ONLY, () =>
        runnerRound(engine, ONLY === 'history' ? workspace : undefined),
      );
      return;
    }
    for (let round = 0; round < ROUNDS; round++) {
      await best.raw.measure(() => rawRound(raw));
      await best.history.measure(() => runnerRound(withHistory, workspace));
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
