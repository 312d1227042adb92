// `npm run bench:protocols`: the same bench service (bench/bench.proto, in its own process) behind
// one connect-node server (connectNodeAdapter over HTTP/2 and over HTTP/1.1, main/transports's
// gateway, in this process), called through the engine's one session over gRPC, gRPC-Web and
// Connect: sequential unary calls and a 100,000-message server stream, as ratios to gRPC through
// the same server. Not a test: shared, noisy machines; the best of a few rounds is kept.
import '../main/platform/native-base64.js';
import * as grpc from '@grpc/grpc-js';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageCodec } from '../main/codec/index.js';
import { startCall, type CallOptions } from '../main/calls/index.js';
import { loadProtoFiles } from '../main/schema/index.js';
import type { Protocol } from '../shared/request/connection.js';
import type { MethodInfo } from '../shared/schema/model.js';
import { callTransportFor, closeProtocolConnections } from '../main/transports/index.js';
import { startConnectGateway } from '../main/transports/connect-gateway.js';
import { forkBenchServer } from './_bench-processes.js';

const UNARY_CALLS = Number(process.env.GWB_BENCH_UNARY ?? 1000);
const STREAM_MESSAGES = Number(process.env.GWB_BENCH_STREAM ?? 100_000);
const ROUNDS = Number(process.env.GWB_BENCH_ROUNDS ?? 3);

interface Setup {
  name: string;
  address: string;
  protocol: Protocol;
}

const schema = loadProtoFiles({ files: [join(process.cwd(), 'bench/bench.proto')] });
const payload = createMessageCodec(schema.registry, 'bench.Payload');
const streamReq = createMessageCodec(schema.registry, 'bench.StreamRequest');
const method = (name: string, kind: MethodInfo['kind']): MethodInfo =>
  ({ name, path: `/bench.Bench/${name}`, kind }) as MethodInfo;

function how(
  setup: Setup,
  m: MethodInfo,
  client: grpc.Client,
): Pick<CallOptions, 'client' | 'transport'> {
  const config = { target: setup.address, security: { kind: 'plaintext' as const } };
  const transport = callTransportFor(schema.registry, m, config, setup.protocol, false);
  return transport ? { transport } : { client };
}

async function unaryRate(setup: Setup, client: grpc.Client): Promise<number> {
  const m = method('Unary', 'unary');
  const t0 = performance.now();
  for (let i = 0; i < UNARY_CALLS; i++) {
    const s = startCall({
      ...how(setup, m, client),
      path: m.path,
      kind: 'unary',
      target: setup.address,
      requestCodec: payload,
      responseCodec: payload,
      messages: [{ seq: String(i), text: 'hello' }],
      keepLog: false,
    });
    const status = await s.done;
    if (status.code !== 0)
      throw new Error(`${setup.name} unary: ${status.codeName} ${status.message}`);
  }
  return UNARY_CALLS / ((performance.now() - t0) / 1000);
}

async function streamRate(setup: Setup, client: grpc.Client): Promise<number> {
  const m = method('Stream', 'server_stream');
  let n = 0;
  const t0 = performance.now();
  const s = startCall({
    ...how(setup, m, client),
    path: m.path,
    kind: 'server_stream',
    target: setup.address,
    requestCodec: streamReq,
    responseCodec: payload,
    messages: [{ count: STREAM_MESSAGES, size: 32 }],
    keepLog: false,
    onEvent: (e) => {
      if (e.type === 'received') n++;
    },
  });
  const status = await s.done;
  if (status.code !== 0 || n !== STREAM_MESSAGES)
    throw new Error(`${setup.name} stream: ${status.codeName} ${status.message}, ${n} messages`);
  return n / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const { target, child } = await forkBenchServer();
  const services = ['bench.Bench'];
  const h2 = await startConnectGateway({ upstream: target, registry: schema.registry, services });
  const h1 = await startConnectGateway({
    upstream: target,
    registry: schema.registry,
    services,
    httpVersion: '1.1',
  });
  const a2 = `127.0.0.1:${h2.port}`;
  const a1 = `127.0.0.1:${h1.port}`;
  const setups: Setup[] = [
    { name: 'gRPC (HTTP/2)', address: a2, protocol: { kind: 'grpc' } },
    { name: 'gRPC-Web (HTTP/2)', address: a2, protocol: { kind: 'grpcweb' } },
    { name: 'gRPC-Web (HTTP/1.1)', address: a1, protocol: { kind: 'grpcweb', httpVersion: '1.1' } },
    { name: 'Connect binary (HTTP/2)', address: a2, protocol: { kind: 'connect' } },
    { name: 'Connect JSON (HTTP/2)', address: a2, protocol: { kind: 'connect', codec: 'json' } },
    {
      name: 'Connect binary (HTTP/1.1)',
      address: a1,
      protocol: { kind: 'connect', httpVersion: '1.1' },
    },
  ];
  const client = new grpc.Client(a2, grpc.credentials.createInsecure());
  const best = new Map<string, { unary: number; stream: number }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const setup of setups) {
      const unary = await unaryRate(setup, client);
      const stream = await streamRate(setup, client);
      process.stderr.write(
        `round ${round + 1} ${setup.name}: ${unary.toFixed(0)} calls/s, ${stream.toFixed(0)} msgs/s\n`,
      );
      const kept = best.get(setup.name);
      best.set(setup.name, {
        unary: Math.max(unary, kept?.unary ?? 0),
        stream: Math.max(stream, kept?.stream ?? 0),
      });
    }
  }
  const grpcBest = best.get('gRPC (HTTP/2)') as { unary: number; stream: number };
  console.log(
    `\nprotocols through one connect-node server in front of the bench server; best of ${ROUNDS}`,
  );
  console.log(
    `| protocol | unary calls/s (${UNARY_CALLS} sequential) | ratio | ${STREAM_MESSAGES} msgs/s | ratio |`,
  );
  console.log('|---|---|---|---|---|');
  for (const [name, r] of best)
    console.log(
      `| ${name} | ${r.unary.toFixed(0)} | ${(r.unary / grpcBest.unary).toFixed(2)}× | ${r.stream.toFixed(0)} | ${(r.stream / grpcBest.stream).toFixed(2)}× |`,
    );
  client.close();
  closeProtocolConnections();
  await Promise.all([h2.close(), h1.close()]);
  child.kill();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
