// `node dist/bench/transport.cjs` (after `npm run build`; or `npx tsx bench/transport.ts`): the
// contract through the web host as a renderer sees it. A headless Chromium page with the real
// WebSocket transport measures a no-op command's round trip (p50, p99) and a server stream from the
// fixed bench server through engine + web host + transport, counted in the page, against a raw
// grpc-js client in the same run. Not a test: shared machines are noisy, so rounds alternate raw and
// ours and the best of each is kept. The page is driven through bare CDP, not Playwright (see
// _cdp-page.ts: Playwright's network instrumentation copies every frame to its driver). Profiling
// the host: BENCH_PEER_ARGS="--cpu-prof --cpu-prof-dir=DIR" passes node flags to the peers.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childLine, forkBenchScript, forkBenchServer } from './_bench-processes.js';
import { percentile, printRows } from './_stats.js';
import { chromiumArgs, chromiumPath } from '../e2e/fixtures/chromium.js';
import { openCdpPage } from './_cdp-page.js';
import type { TransportBench } from './_transport-page.js';

type StreamResult = Awaited<ReturnType<TransportBench['stream']>>;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 3000);
const STREAM_MSGS = Number(process.env.BENCH_STREAM ?? 500_000);
const root = process.cwd();
const protoFile = join(root, 'bench/bench.proto');

const peerNodeArgs = process.env.BENCH_PEER_ARGS?.split(' ').filter(Boolean) ?? [];

async function rawStream(target: string, count: number): Promise<number> {
  const child = forkBenchScript('transport-peer', ['raw', target, String(count)], peerNodeArgs);
  const ms = Number(await childLine(child, 'MS'));
  child.kill();
  return ms;
}

async function bundlePage(staticDir: string): Promise<void> {
  mkdirSync(staticDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'bench/_transport-page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    outfile: join(staticDir, 'bench.js'),
    logLevel: 'warning',
  });
  writeFileSync(
    join(staticDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>transport bench</title><script type="module" src="/bench.js"></script>',
  );
}

// CJS bundles (dist/bench) have no top-level await.
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gwb-bench-transport-'));
  const { target, child } = await forkBenchServer();
  await bundlePage(join(dir, 'static'));
  const hostProcess = forkBenchScript('transport-peer', ['host', dir], peerNodeArgs);
  const url = await childLine(hostProcess, 'URL');
  const page = await openCdpPage(chromiumPath, url, chromiumArgs);
  try {
    // The page defines gwbBench once its module has run.
    while (
      (await page.evaluate<string>('typeof globalThis.gwbBench').catch(() => 'undefined')) !==
      'object'
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    let bestP50 = Infinity;
    let bestP99 = Infinity;
    let bestRaw = Infinity;
    let bestOurs = Infinity;
    let exact = true;
    let batches = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const times = (await page.evaluate<number[]>(`gwbBench.roundTrips(${ROUND_TRIPS})`)).sort(
        (a, b) => a - b,
      );
      bestP50 = Math.min(bestP50, percentile(times, 50));
      bestP99 = Math.min(bestP99, percentile(times, 99));
      bestRaw = Math.min(bestRaw, await rawStream(target, STREAM_MSGS));
      const ours = await page.evaluate<StreamResult>(
        `gwbBench.stream(${JSON.stringify({ target, protoFile, count: STREAM_MSGS })})`,
      );
      exact &&= ours.received === STREAM_MSGS;
      batches = ours.batches;
      bestOurs = Math.min(bestOurs, ours.ms);
      console.log(
        `round ${round + 1}: page received ${ours.received}/${STREAM_MSGS} in ${ours.batches} batches`,
      );
    }
    console.log(
      `\nno-op command round trip (page → web host → engine → page): p50 ${bestP50.toFixed(3)} ms, p99 ${bestP99.toFixed(3)} ms (target p50 ≤ 1 ms)`,
    );
    printRows('Server stream into a headless renderer page (msgs/s, best of rounds)', [
      {
        name: `${STREAM_MSGS} × ~50 B stream`,
        raw: STREAM_MSGS / (bestRaw / 1000),
        ours: STREAM_MSGS / (bestOurs / 1000),
        unit: 'msg/s',
        higherIsBetter: true,
        target: 0.8,
        extra: `${exact ? 'exact count' : 'COUNT MISMATCH'}, ${batches} event frames`,
      },
    ]);
    if (!exact) process.exitCode = 1;
  } finally {
    await page.close();
    hostProcess.kill();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
