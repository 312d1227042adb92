// `npm run bench:run`: the collection runner's cost per request. A collection of 500 saved unary
// requests, 3 assertions each, against the bench server, run by the engine's runner as `gwb run`
// runs it (saved files read, variables substituted, CEL assertions, history kept) — against the
// same 500 calls made raw through a grpc-js client in the same process and run, checking the same
// three things in plain JavaScript. Prints ms per request and the ratio (target ≤ 1.2×). Not a
// test: the machines are shared and noisy, so raw and runner alternate and the best round counts.
import '../main/platform/native-base64.js';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCliEngine } from '../app/cli/engine-host.js';
import { openWorkspace } from '../main/workspace/workspace.js';
import { rawBenchClient, type RawBenchClient } from './_bench-service.js';
import { forkBenchServer } from './_bench-processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);

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

/** One run of the whole collection through the engine's runner; its wall time in ms. */
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
  // As gwb run makes them (history kept: a file written and fsynced per call), and without
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
    await runnerRound(withHistory);
    await runnerRound(noHistory);
    let bestRaw = Infinity;
    let bestHistory = Infinity;
    let bestNoHistory = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      bestRaw = Math.min(bestRaw, await rawRound(raw));
      bestHistory = Math.min(bestHistory, await runnerRound(withHistory));
      bestNoHistory = Math.min(bestNoHistory, await runnerRound(noHistory));
    }
    const perRaw = bestRaw / REQUESTS;
    console.log('\n| measure | raw grpc-js | gwb runner | ratio | target |');
    console.log('|---|---|---|---|---|');
    for (const [label, best] of [
      ['as gwb run (history kept)', bestHistory],
      ['history off', bestNoHistory],
    ] as const) {
      const per = best / REQUESTS;
      const ratio = per / perRaw;
      console.log(
        `| ms per request, ${label} | ${perRaw.toFixed(3)} ms | ${per.toFixed(3)} ms | ${ratio.toFixed(2)}× | ≤ 1.20× ${ratio <= 1.2 ? 'ok' : 'MISSED'} |`,
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
