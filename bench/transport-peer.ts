// The processes bench:transport talks to, each on its own event loop as in real use: `host` runs
// the web host (as `gwb serve` does) and prints its URL; `raw DIR TARGET COUNT` runs the raw
// grpc-js client once and prints its time. Neither shares a process with Playwright's driver,
// whose async hooks make every promise in its process slower.
import '../main/platform/native-base64.js';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startWebHost } from '../app/web/index.js';
import { rawBenchClient } from './_bench-service.js';

async function host(dir: string): Promise<void> {
  const started = await startWebHost({
    port: 0,
    dataDir: join(dir, 'data'),
    staticDir: join(dir, 'static'),
  });
  process.stdout.write(`URL ${started.url}\n`);
  process.on('disconnect', () => void started.close().then(() => process.exit(0)));
}

function raw(target: string, count: number): Promise<number> {
  const client = rawBenchClient(target);
  return new Promise((resolve, reject) => {
    let n = 0;
    const t0 = performance.now();
    const stream = client.Stream({ count, size: 50 });
    stream.on('data', () => n++);
    stream.on('error', reject);
    stream.on('end', () => {
      client.close();
      if (n !== count) reject(new Error(`raw client got ${n} of ${count}`));
      else resolve(performance.now() - t0);
    });
  });
}

const [mode, a = '', b = '0'] = process.argv.slice(2);
if (mode === 'host') {
  void host(a);
} else if (mode === 'raw') {
  raw(a, Number(b)).then(
    (ms) => process.stdout.write(`MS ${ms}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  console.error('usage: transport-peer host DIR | raw TARGET COUNT');
  process.exit(2);
}
// A normal exit on kill, so that --cpu-prof (BENCH_PEER_ARGS) gets to write its profile.
process.on('SIGTERM', () => process.exit(0));
