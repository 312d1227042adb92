// `npm run bench:proxy`: calls through gwb's capture proxy (main/capture) with recording on,
// against the same calls made directly, in the same run, to the same bench server. The proxy runs
// in a process of its own, as `gwb proxy` would. Prints ratios (≥ 1 is as good as direct); not a
// test: these machines are shared and noisy, so each measure alternates direct and proxied rounds
// and keeps the best of a few.
import '../main/platform/native-base64.js';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCaptureProxy } from '../main/capture/index.js';
import { loadProtoFiles } from '../main/schema/index.js';
import { percentile, printRows, type Row } from './_stats.js';
import { rawBenchClient, type RawBenchClient } from './_bench-service.js';
import { childLine, forkBenchScript, forkBenchServer } from './_bench-processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const UNARY_CALLS = Number(process.env.BENCH_UNARY ?? 3000);
const STREAM_MSGS = Number(process.env.BENCH_STREAM ?? 500_000);

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
  process.on('message', () => process.send?.(process.cpuUsage()));
  process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
}

/** The proxy process's CPU time so far (user and kernel), in ms. */
function proxyCpuMs(child: ChildProcess): Promise<{ user: number; system: number }> {
  return new Promise((resolve) => {
    child.once('message', (usage: NodeJS.CpuUsage) =>
      resolve({ user: usage.user / 1000, system: usage.system / 1000 }),
    );
    child.send('cpu');
  });
}

/** `fn`'s result and the proxy's CPU time during it, per `units`, as `N µs/UNIT (K% kernel)`. */
async function withProxyCpu<T>(
  child: ChildProcess,
  units: number,
  unit: string,
  fn: () => Promise<T>,
): Promise<[T, string]> {
  const before = await proxyCpuMs(child);
  const result = await fn();
  const after = await proxyCpuMs(child);
  const user = after.user - before.user;
  const system = after.system - before.system;
  const perUnit = ((user + system) * 1000) / units;
  const kernel = (100 * system) / (user + system);
  return [
    result,
    `proxy CPU ${perUnit.toFixed(perUnit < 100 ? 1 : 0)} µs/${unit} (${kernel.toFixed(0)}% kernel)`,
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

/** Best of `rounds` for each side, the rounds alternating so both see the same machine. */
async function paired<T>(
  rounds: number,
  direct: () => Promise<T>,
  proxied: () => Promise<T>,
  key: (t: T) => number,
): Promise<[T, T]> {
  let d: T | undefined;
  let p: T | undefined;
  for (let i = 0; i < rounds; i++) {
    const a = await direct();
    if (d === undefined || key(a) > key(d)) d = a;
    const b = await proxied();
    if (p === undefined || key(b) > key(p)) p = b;
  }
  return [d as T, p as T];
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
  const dir = mkdtempSync(join(tmpdir(), 'gwb-bench-proxy-'));
  // BENCH_PROXY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the proxy's process.
  const proxyNodeArgs = process.env.BENCH_PROXY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const proxyChild = forkBenchScript('proxy', ['--child', target, dir], proxyNodeArgs);
  const proxyTarget = `127.0.0.1:${await childLine(proxyChild, 'PORT')}`;
  const direct = rawBenchClient(target);
  const proxied = rawBenchClient(proxyTarget);
  console.log(
    `bench server at ${target}, capture proxy (recording to ${dir}) at ${proxyTarget}; ${ROUNDS} rounds, best kept`,
  );
  try {
    // Warm both paths (JIT, connections) before measuring.
    await unaryLoad(direct, 500, 4);
    await unaryLoad(proxied, 500, 4);

    const rows: Row[] = [];
    for (const inFlight of [1, 16]) {
      // The proxy idles through the direct rounds: its CPU time is the proxied rounds'.
      const [[d, p], cpuPerCall] = await withProxyCpu(
        proxyChild,
        ROUNDS * UNARY_CALLS,
        'call',
        () =>
          paired(
            ROUNDS,
            () => unaryLoad(direct, UNARY_CALLS, inFlight),
            () => unaryLoad(proxied, UNARY_CALLS, inFlight),
            (x) => x.rate,
          ),
      );
      const label = inFlight === 1 ? 'unary sequential' : `unary ${inFlight} in flight`;
      rows.push({
        name: `${label} (calls/s)`,
        raw: d.rate,
        ours: p.rate,
        unit: '/s',
        higherIsBetter: true,
        target: 0.8,
        extra: cpuPerCall,
      });
      rows.push({
        name: `${label} p50`,
        raw: d.p50,
        ours: p.p50,
        unit: 'ms',
        higherIsBetter: false,
        extra: `added ${(p.p50 - d.p50).toFixed(3)} ms (target ≤ 0.3 ms)`,
      });
      rows.push({
        name: `${label} p99`,
        raw: d.p99,
        ours: p.p99,
        unit: 'ms',
        higherIsBetter: false,
      });
    }

    const [[ds, ps], cpuPerMsg] = await withProxyCpu(proxyChild, ROUNDS * STREAM_MSGS, 'msg', () =>
      paired(
        ROUNDS,
        () => stream(direct, STREAM_MSGS),
        () => stream(proxied, STREAM_MSGS),
        (x) => x.rate,
      ),
    );
    rows.push({
      name: `server stream ${STREAM_MSGS} × ~50 B (msgs/s)`,
      raw: ds.rate,
      ours: ps.rate,
      unit: '/s',
      higherIsBetter: true,
      target: 0.8,
      extra: `count direct ${ds.count} proxied ${ps.count} ${ds.count === STREAM_MSGS && ps.count === STREAM_MSGS ? '(exact)' : '(WRONG COUNT)'}; ${cpuPerMsg}`,
    });
    printRows('direct (raw) vs through gwb proxy with recording on (gwb)', rows);
    const size = folderSize(dir);
    console.log(`\nrecorded: ${size.files} recordings, ${(size.bytes / (1 << 20)).toFixed(1)} MiB`);
  } finally {
    direct.close();
    proxied.close();
    proxyChild.kill('SIGTERM');
    await new Promise((resolve) => proxyChild.once('exit', resolve));
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt !== -1) {
  void runProxyChild(process.argv[childAt + 1] as string, process.argv[childAt + 2] as string);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
