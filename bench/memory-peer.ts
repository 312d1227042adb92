// One side of `npm run bench:memory`, in a process of its own so its RSS is its own: `raw` (a
// grpc-js client), `engine` (the engine as the app and web host run it, events emitted to a host
// that drops them) or `gwb` (the CLI printing to a sink). Takes an endless paced bench stream for
// SECONDS and prints `RESULT {json}`: messages received, peak and final RSS.
import '../main/platform/native-base64.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main as gwbMain } from '../app/cli/main.js';
import { createEngine } from '../main/engine/index.js';
import { peakRssMb } from '../main/platform/peak-rss.js';
import { createRouter } from '../main/router/index.js';
import { newRequest, plaintextConnection } from '../shared/request/index.js';
import { rawBenchClient } from './_bench-service.js';

const [mode, target, secondsText, rateText] = process.argv.slice(2) as [
  'raw' | 'engine' | 'gwb',
  string,
  string,
  string,
];
const seconds = Number(secondsText);
const rate = Number(rateText);
const benchDir = join(process.cwd(), 'bench');
let received = 0;

/** Starts the stream; returns how to stop it. */
async function start(): Promise<() => Promise<void>> {
  if (mode === 'raw') {
    const client = rawBenchClient(target);
    const stream = client.Stream({ count: 0, size: 30, rate });
    stream.on('data', () => received++);
    stream.on('error', () => undefined);
    return async () => {
      stream.cancel();
      client.close();
    };
  }
  if (mode === 'gwb') {
    const stop = new AbortController();
    const done = gwbMain(
      [
        '-plaintext',
        '-import-path',
        benchDir,
        '-proto',
        'bench.proto',
        '-d',
        JSON.stringify({ count: 0, size: 30, rate }),
        target,
        'bench.Bench/Stream',
      ],
      {
        stdout: { write: () => void received++ },
        stderr: { write: (text: string) => process.stderr.write(text) },
        stdin: Readable.from([]),
        signal: stop.signal,
      },
    );
    return async () => {
      stop.abort();
      await done;
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gwb-bench-memory-'));
  const engine = createEngine({
    dataDir,
    host: { kind: 'test' },
    emit: (topic, payload) => {
      if (topic !== 'call.events') return;
      for (const e of (payload as { events: { type: string }[] }).events)
        if (e.type === 'received') received++;
    },
  });
  const router = createRouter(engine.handlers);
  const invoke = async <T>(name: string, input: unknown): Promise<T> => {
    const reply = await router.invoke(name as never, input as never);
    if (reply.t !== 'result') throw new Error(`${name}: ${JSON.stringify(reply)}`);
    return reply.output as T;
  };
  const { schemaId } = await invoke<{ schemaId: string }>('schema.loadProtoFiles', {
    files: [join(benchDir, 'bench.proto')],
    importPaths: [benchDir],
  });
  await invoke('call.start', {
    schemaId,
    request: {
      ...newRequest(plaintextConnection(target), '/bench.Bench/Stream'),
      messages: [{ count: 0, size: 30, rate }],
    },
    // The log is what is measured; a recording is written to disk as it goes.
    record: false,
  });
  return async () => {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

async function main(): Promise<void> {
  const stop = await start();
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(sampler);
  const finalRss = process.memoryUsage().rss;
  await stop();
  process.stdout.write(
    `RESULT ${JSON.stringify({
      mode,
      messages: received,
      peakRssMb: Math.max(peak / 2 ** 20, peakRssMb()),
      finalRssMb: finalRss / 2 ** 20,
    })}\n`,
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
