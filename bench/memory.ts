// `npm run bench:memory [-- --seconds N] [--rate N]`: an endless paced server stream (default
// 100k msgs/s for 5 minutes) taken by a raw grpc-js client, by the engine (as the app and the web
// host run it) and by gwb, one after the other, each in a process of its own; prints each one's
// peak RSS. The engine keeps a bounded window of each call's log (issue 11, point 4): its memory
// must stay flat (< 300 MB) however long the stream runs.
import { childLine, forkBenchScript, forkBenchServer } from './_bench-processes.js';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

interface Result {
  mode: string;
  messages: number;
  peakRssMb: number;
  finalRssMb: number;
}

async function main(): Promise<void> {
  const seconds = flag('seconds', 300);
  const rate = flag('rate', 100_000);
  const { target, child: server } = await forkBenchServer();
  const results: Result[] = [];
  try {
    for (const mode of ['raw', 'engine', 'gwb']) {
      process.stdout.write(`${mode}: ${seconds} s of an endless stream at ${rate} msgs/s…\n`);
      const peer = forkBenchScript('memory-peer', [mode, target, String(seconds), String(rate)]);
      results.push(JSON.parse(await childLine(peer, 'RESULT')) as Result);
      await new Promise((resolve) => peer.once('exit', resolve));
    }
  } finally {
    server.kill();
  }
  process.stdout.write('\nmode     messages   msgs/s    peak RSS   final RSS\n');
  for (const r of results) {
    process.stdout.write(
      `${r.mode.padEnd(8)} ${String(r.messages).padStart(9)} ${String(Math.round(r.messages / seconds)).padStart(8)} ${r.peakRssMb.toFixed(0).padStart(8)} MB ${r.finalRssMb.toFixed(0).padStart(8)} MB\n`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
