// `npm run bench:load`: gwb load's most unary calls a second at 16 and 64 in flight against the raw
// grpc-js client of bench:engine (same bench server, same run), with one and with two load workers.
// Not a test: the machine is shared and noisy, so each figure is the best of a few rounds. The
// bench server is another process on the same cores: with two workers, client and server compete.
import '../main/platform/native-base64.js';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newRequest } from '../shared/request/document.js';
import { loadProtoFiles } from '../main/schema/index.js';
import { runLoad } from '../main/load/run-load.js';
import { descriptorSetOf } from '../main/load/target.js';
import { isLoadWorker, runLoadWorker } from '../main/load/worker-main.js';
import type { LoadTarget } from '../main/load/load-types.js';
import { printRows, type Row } from './_stats.js';
import { rawBenchClient, type RawBenchClient } from './_bench-service.js';
import { forkBenchServer } from './_bench-processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 4);

/** The raw client for SECONDS with `inFlight` calls always outstanding: calls per second. */
async function rawRate(client: RawBenchClient, inFlight: number): Promise<number> {
  const end = performance.now() + SECONDS * 1000;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (performance.now() < end) {
      await new Promise<void>((resolve, reject) =>
        client.Unary({ seq: done, text: 'hello' }, (err) => (err ? reject(err) : resolve())),
      );
      done++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  return done / ((performance.now() - t0) / 1000);
}

async function loadRate(target: LoadTarget, inFlight: number, workers: number): Promise<number> {
  const report = await runLoad(target, {
    workers,
    concurrency: inFlight,
    connections: workers,
    // Each run starts fresh worker threads: a second of calls first, so they are measured warm as
    // the raw client (warmed once, reused every round) is.
    warmupMs: 1000,
    durationMs: SECONDS * 1000,
  });
  if (report.errors > 0) throw new Error(`load run had ${report.errors} errors`);
  return report.rps;
}

async function best(run: () => Promise<number>): Promise<number> {
  let top = 0;
  for (let i = 0; i < ROUNDS; i++) top = Math.max(top, await run());
  return top;
}

async function main(): Promise<void> {
  const { target, child } = await forkBenchServer();
  const raw = rawBenchClient(target);
  const schema = loadProtoFiles({ files: [join(process.cwd(), 'bench/bench.proto')] });
  const load: LoadTarget = {
    descriptorSet: descriptorSetOf(schema),
    request: {
      ...newRequest({ address: target, security: { kind: 'plaintext' } }, 'bench.Bench/Unary'),
      messages: [{ seq: '1', text: 'hello' }],
    },
  };
  console.log(`bench server at ${target}; ${SECONDS} s a measure, best of ${ROUNDS}`);
  await rawRate(raw, 4);
  await loadRate(load, 4, 1);
  const rows: Row[] = [];
  for (const inFlight of [16, 64]) {
    const r = await best(() => rawRate(raw, inFlight));
    for (const workers of [1, 2]) {
      const o = await best(() => loadRate(load, inFlight, workers));
      rows.push({
        name: `unary ${inFlight} in flight, ${workers} worker${workers === 1 ? '' : 's'} (calls/s)`,
        raw: r,
        ours: o,
        unit: '/s',
        higherIsBetter: true,
        target: 0.9,
      });
    }
  }
  raw.close();
  child.kill();
  printRows('gwb load vs raw grpc-js (ratio ≥ 1 means as fast as raw)', rows);
}

// A bundled bench starts its load workers by running this file again (main/load/worker-script.ts).
if (isLoadWorker()) runLoadWorker();
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
