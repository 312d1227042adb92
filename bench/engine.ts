// `npm run bench:engine`: the engine against a raw grpc-js client, same bench server, same run.
// Prints ratios (≥ 1 is as good as raw). Not a test: these machines are shared and noisy, so
// each measure alternates raw and ours and keeps the best of a few rounds.
import '../main/platform/native-base64.js';
import * as grpc from '@grpc/grpc-js';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageCodec } from '../main/codec/index.js';
import { startCall } from '../main/calls/index.js';
import { loadProtoFiles } from '../main/schema/index.js';
import type { MessageCodec } from '../main/codec/types.js';
import { percentile, printRows, type Row } from './_stats.js';
import { measureProtoLoad } from './_proto-load.js';
import { rawBenchClient, rawUnary, type RawBenchClient } from './_bench-service.js';
import { forkBenchServer } from './_bench-processes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const UNARY_CALLS = Number(process.env.BENCH_UNARY ?? 3000);
const STREAM_MSGS = Number(process.env.BENCH_STREAM ?? 500_000);
const BIG_MSGS = Number(process.env.BENCH_BIG ?? 1000);

type RawClient = RawBenchClient;

const channelOptions = {
  'grpc.max_receive_message_length': 64 << 20,
  'grpc.max_send_message_length': 64 << 20,
};

function rawClient(target: string): RawClient {
  return rawBenchClient(target, channelOptions);
}

interface Ours {
  client: grpc.Client;
  target: string;
  payload: MessageCodec;
  streamReq: MessageCodec;
}

function oursClient(target: string): Ours {
  const schema = loadProtoFiles({ files: [join(process.cwd(), 'bench/bench.proto')] });
  return {
    client: new grpc.Client(target, grpc.credentials.createInsecure(), channelOptions),
    target,
    payload: createMessageCodec(schema.registry, 'bench.Payload'),
    streamReq: createMessageCodec(schema.registry, 'bench.StreamRequest'),
  };
}

async function oursUnary(o: Ours, seq: number): Promise<void> {
  const s = startCall({
    client: o.client,
    path: '/bench.Bench/Unary',
    kind: 'unary',
    target: o.target,
    requestCodec: o.payload,
    responseCodec: o.payload,
    messages: [{ seq: String(seq), text: 'hello' }],
  });
  const st = await s.done;
  if (st.code !== 0) throw new Error(`unary failed: ${st.codeName} ${st.message}`);
}

async function unaryLoad(call: (seq: number) => Promise<void>, total: number, inFlight: number) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < total) {
      const seq = next++;
      const s = performance.now();
      await call(seq);
      lat.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { rate: total / secs, p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

function rawStream(
  c: RawClient,
  count: number,
  size: number,
): Promise<{ rate: number; count: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    let n = 0;
    let bytes = 0;
    const t0 = performance.now();
    const s = c.Stream({ count, size });
    s.on('data', (m: { data?: Buffer }) => {
      n++;
      bytes += m.data?.length ?? 0;
    });
    s.on('error', reject);
    s.on('status', () => resolve({ rate: n / ((performance.now() - t0) / 1000), count: n, bytes }));
  });
}

async function oursStream(
  o: Ours,
  count: number,
  size: number,
): Promise<{ rate: number; count: number; bytes: number }> {
  let n = 0;
  let bytes = 0;
  const t0 = performance.now();
  const s = startCall({
    client: o.client,
    path: '/bench.Bench/Stream',
    kind: 'server_stream',
    target: o.target,
    requestCodec: o.streamReq,
    responseCodec: o.payload,
    messages: [{ count, size }],
    onEvent: (e) => {
      if (e.type === 'received') {
        n++;
        bytes += e.size;
      }
    },
  });
  const st = await s.done;
  if (st.code !== 0) throw new Error(`stream failed: ${st.codeName} ${st.message}`);
  return { rate: n / ((performance.now() - t0) / 1000), count: n, bytes };
}

async function best<T>(rounds: number, run: () => Promise<T>, key: (t: T) => number): Promise<T> {
  let top: T | undefined;
  for (let i = 0; i < rounds; i++) {
    const r = await run();
    if (top === undefined || key(r) > key(top)) top = r;
    (globalThis as { gc?: () => void }).gc?.();
  }
  return top as T;
}

async function main(): Promise<void> {
  const { target, child } = await forkBenchServer();
  const raw = rawClient(target);
  const ours = oursClient(target);
  console.log(`bench server at ${target}; ${ROUNDS} rounds, best kept`);
  // Warm both paths (JIT, connection) before measuring.
  await unaryLoad((i) => rawUnary(raw, i), 500, 4);
  await unaryLoad((i) => oursUnary(ours, i), 500, 4);

  const rows: Row[] = [];
  for (const inFlight of [1, 16]) {
    const r = await best(
      ROUNDS,
      () => unaryLoad((i) => rawUnary(raw, i), UNARY_CALLS, inFlight),
      (x) => x.rate,
    );
    const o = await best(
      ROUNDS,
      () => unaryLoad((i) => oursUnary(ours, i), UNARY_CALLS, inFlight),
      (x) => x.rate,
    );
    const label = inFlight === 1 ? 'unary sequential' : `unary ${inFlight} in flight`;
    rows.push({
      name: `${label} (calls/s)`,
      raw: r.rate,
      ours: o.rate,
      unit: '/s',
      higherIsBetter: true,
      target: 0.9,
    });
    rows.push({ name: `${label} p50`, raw: r.p50, ours: o.p50, unit: 'ms', higherIsBetter: false });
    rows.push({ name: `${label} p99`, raw: r.p99, ours: o.p99, unit: 'ms', higherIsBetter: false });
  }

  const rs = await best(
    ROUNDS,
    () => rawStream(raw, STREAM_MSGS, 30),
    (x) => x.rate,
  );
  const os = await best(
    ROUNDS,
    () => oursStream(ours, STREAM_MSGS, 30),
    (x) => x.rate,
  );
  rows.push({
    name: `server stream ${STREAM_MSGS} × ~50 B (msgs/s)`,
    raw: rs.rate,
    ours: os.rate,
    unit: '/s',
    higherIsBetter: true,
    target: 0.8,
    extra: `count raw ${rs.count} ours ${os.count} ${os.count === STREAM_MSGS && rs.count === STREAM_MSGS ? '(exact)' : '(WRONG COUNT)'}`,
  });

  const MiB = 1 << 20;
  const rb = await best(
    ROUNDS,
    () => rawStream(raw, BIG_MSGS, MiB),
    (x) => x.rate,
  );
  const ob = await best(
    ROUNDS,
    () => oursStream(ours, BIG_MSGS, MiB),
    (x) => x.rate,
  );
  rows.push({
    name: `${BIG_MSGS} × 1 MiB (MB/s)`,
    raw: (rb.rate * MiB) / 1e6,
    ours: (ob.rate * MiB) / 1e6,
    unit: 'MB/s',
    higherIsBetter: true,
  });

  raw.close();
  ours.client.close();
  child.kill();

  const load = await measureProtoLoad(ROUNDS);
  rows.push({
    name: `load ${load.files} google/cloud/*/v1 protos (ms)`,
    raw: load.raw.ms,
    ours: load.ours.ms,
    unit: 'ms',
    higherIsBetter: false,
    target: 1 / 1.2,
  });
  rows.push({
    name: 'proto load peak RSS (MB)',
    raw: load.raw.rssMb,
    ours: load.ours.rssMb,
    unit: 'MB',
    higherIsBetter: false,
  });
  printRows('engine vs raw grpc-js (ratio ≥ 1 means as fast as raw)', rows);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
