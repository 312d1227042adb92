// `npm run bench:capture`: what the capture thread's reading and recording cost, per unary call
// and per stream message, measured in one process without the proxy around it. Why it exists:
// bench:proxy runs the client, the server and the proxy's three threads on a 2-core machine, so
// its CPU figures move by 10–20% from run to run and cannot tell a 3% change of the capture
// thread's work from noise, nor run under valgrind. Here the bench's traffic (the bench server,
// bench/_bench-service.ts's raw client) is captured once through a tee, as the proxy's event loop
// would copy it, and replayed through the capture thread's own code (capture-worker.ts's
// captureReading: the ring, HTTP/2, HPACK, messages, the recordings as `gwb proxy` writes them: a
// short call's appended to a file of several by this thread itself, a long call's through the
// recording thread) — once with recording on, once with it off (the same bytes read, nothing
// recorded) as the baseline, alternated. It prints CPU µs a call or message of this thread (the
// one that reads) and of the whole process (with the recording thread).
//
// Replay goes as the thread does: the ops that came within one of its looks (LOOK_MS of the
// captured times) are taken together, then its loop turns (timers, promises). By default as fast
// as it can; BENCH_CAPTURE_PACED=1 waits out each look's time as the thread would, so its
// wake-ups and timers are in the figures too.
//
// Under callgrind (instruction counts, the steady figure on a shared machine): capture once with
// BENCH_CAPTURE_SAVE=FILE, then replay it under valgrind with BENCH_CAPTURE_LOAD=FILE,
// BENCH_CAPTURE_ONLY=SCENARIO:MODE (e.g. unary16:on) and BENCH_CAPTURE_ROUNDS=1 vs 3: the
// difference of the two counts, halved, is one replay without the start-up.
import '../main/platform/native-base64.js';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MessageChannel } from 'node:worker_threads';
import { descriptorSetOf } from '../main/capture/thread/capture-thread.js';
import {
  CAPTURE_WORKER_MARK,
  LOOK_MS,
  captureReading,
  type CaptureNews,
} from '../main/capture/thread/capture-worker.js';
import { OP, RingReader, RingWriter, newRingMemory } from '../main/capture/thread/capture-ring.js';
import { loadProtoFiles } from '../main/schema/index.js';
import { forkBenchServer } from './_bench-processes.js';
import { rawBenchClient, rawUnary, type RawBenchClient } from './_bench-service.js';

const UNARY_CALLS = Number(process.env.BENCH_UNARY ?? 2000);
const STREAM_MSGS = Number(process.env.BENCH_STREAM ?? 20_000);
const ROUNDS = Number(process.env.BENCH_CAPTURE_ROUNDS ?? 5);
const PACED = process.env.BENCH_CAPTURE_PACED === '1';
const ONLY = process.env.BENCH_CAPTURE_ONLY;

/** One op as the proxy's event loop puts it in the ring (capture-ring.ts). */
interface Op {
  connection: number;
  kind: number;
  /** ms since the scenario's first op. */
  time: number;
  data: Buffer | undefined;
}

interface Scenario {
  name: string;
  /** What a unit is: a unary call or a stream message. */
  unit: 'call' | 'msg';
  units: number;
  ops: Op[];
}

/** A tee between the bench's client and server: each connection's chunks and ends, as ops. */
async function startTee(target: string): Promise<{ port: number; take(): Op[]; close(): void }> {
  const colon = target.lastIndexOf(':');
  const [host, port] = [target.slice(0, colon), Number(target.slice(colon + 1))];
  let ops: Op[] = [];
  let t0 = NaN;
  let nextId = 1;
  const op = (connection: number, kind: number, data?: Buffer): void => {
    const now = performance.now();
    if (Number.isNaN(t0)) t0 = now;
    ops.push({ connection, kind, time: now - t0, data: data && Buffer.from(data) });
  };
  const server = net.createServer((client) => {
    const id = nextId++;
    const upstream = net.connect(port, host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    let ended = false;
    let open = 2;
    const end = (kind: number): void => {
      if (!ended) op(id, kind);
      ended = true;
    };
    const closed = (): void => {
      if (--open === 0) op(id, OP.connectionDone);
    };
    client.on('data', (chunk: Buffer) => {
      op(id, OP.fromClient, chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      op(id, OP.fromTarget, chunk);
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('close', () => (end(OP.clientClosed), upstream.destroy(), closed()));
    upstream.on('close', () => (end(OP.targetClosed), client.destroy(), closed()));
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    take: () => {
      const taken = ops;
      ops = [];
      t0 = NaN;
      return taken;
    },
    close: () => server.close(),
  };
}

async function unaryCalls(c: RawBenchClient, total: number, inFlight: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) await rawUnary(c, next++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

function stream(c: RawBenchClient, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = c.Stream({ count, size: 30 });
    s.on('data', () => undefined);
    s.on('error', reject);
    s.on('status', () => resolve());
  });
}

/** Until every op of the closed client's connection is in (its ends come a little later). */
async function settledOps(take: () => Op[]): Promise<Op[]> {
  const ops: Op[] = [];
  for (let tries = 0; tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    ops.push(...take());
    if (ops.some((o) => o.kind === OP.connectionDone)) return ops;
  }
  throw new Error('the captured connection did not close');
}

/** The bench's traffic, each scenario on a connection of its own (a fresh HPACK state each). */
async function captureTraffic(): Promise<Scenario[]> {
  const { target, child } = await forkBenchServer();
  const tee = await startTee(target);
  const scenarios: Scenario[] = [];
  const capture = async (
    name: string,
    unit: Scenario['unit'],
    units: number,
    run: (c: RawBenchClient) => Promise<void>,
  ): Promise<void> => {
    const client = rawBenchClient(`127.0.0.1:${tee.port}`);
    await run(client);
    client.close();
    // Times relative to the scenario's own first op (a previous connection's ends come first).
    const ops = (await settledOps(tee.take)).sort((a, b) => a.time - b.time);
    scenarios.push({ name, unit, units, ops });
  };
  try {
    await capture('unary1', 'call', UNARY_CALLS, (c) => unaryCalls(c, UNARY_CALLS, 1));
    await capture('unary16', 'call', UNARY_CALLS, (c) => unaryCalls(c, UNARY_CALLS, 16));
    await capture('stream', 'msg', STREAM_MSGS, (c) => stream(c, STREAM_MSGS));
  } finally {
    tee.close();
    child.kill();
  }
  return scenarios;
}

/** A capture file: JSON of the scenarios, each op's data as base64. */
function save(file: string, scenarios: Scenario[]): void {
  const json = scenarios.map((s) => ({
    ...s,
    ops: s.ops.map((o) => ({ ...o, data: o.data?.toString('base64') })),
  }));
  writeFileSync(file, JSON.stringify(json));
}

function load(file: string): Scenario[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as (Omit<Scenario, 'ops'> & {
    ops: (Omit<Op, 'data'> & { data?: string })[];
  })[];
  return json.map((s) => ({
    ...s,
    ops: s.ops.map((o) => ({
      ...o,
      data: o.data === undefined ? undefined : Buffer.from(o.data, 'base64'),
    })),
  }));
}

const schema = loadProtoFiles({ files: [join(process.cwd(), 'bench/bench.proto')] });
const descriptorSet = descriptorSetOf(schema.registry);

/** This thread's CPU time so far in µs (/proc's schedstat, in ns: no 10 ms ticks). */
function threadCpuUs(): number {
  const text = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'latin1');
  return Number(text.split(' ')[0]) / 1000;
}

/**
 * How many times this thread has gone to sleep so far (its voluntary context switches): paced,
 * each is a wake-up, which costs this kind of machine ~50 µs of CPU however little it then does.
 */
function threadSleeps(): number {
  const status = readFileSync(`/proc/self/task/${process.pid}/status`, 'latin1');
  return Number(/voluntary_ctxt_switches:\s*(\d+)/.exec(status)?.[1] ?? NaN);
}

function processCpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

let kept = 0;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Replays a scenario through captureReading with recording on (to a folder of its own, packed)
 * or off; resolves once every call's recording is closed, with the CPU it took.
 */
async function replay(
  scenario: Scenario,
  recording: boolean,
): Promise<{ thread: number; process: number; sleeps: number; ended: number }> {
  const dir = recording ? mkdtempSync(join(tmpdir(), 'gwb-capture-replay-')) : undefined;
  const memory = newRingMemory(64 * 1024 * 1024);
  const writer = new RingWriter(memory);
  const reader = new RingReader(memory);
  // News goes through a real port, as the thread's does (its cloning is the thread's cost).
  const channel = new MessageChannel();
  let ended = 0;
  let flushed: (() => void) | undefined;
  channel.port2.on('message', (batch: CaptureNews[]) => {
    for (const news of batch) {
      if (news.k === 'ended') ended++;
      else if (news.k === 'flushed') flushed?.();
      else if (news.k === 'error') console.error(`capture: ${news.message}`);
    }
  });
  const reading = captureReading(
    {
      mark: CAPTURE_WORKER_MARK,
      memory,
      counter: new SharedArrayBuffer(4),
      target: 'bench',
      recordDir: dir,
      packRecordings: true,
      schema: descriptorSet && { descriptorSet, source: 'bench.proto' },
      maxObservedBytes: 4 * 1024 * 1024,
      timeOrigin: performance.timeOrigin,
      // As `gwb proxy` asks: each call's end (its line).
      report: { started: false, ended: true },
    },
    (batch) => channel.port1.postMessage(batch),
  );
  const thread0 = threadCpuUs();
  const sleeps0 = threadSleeps();
  const process0 = processCpuUs();
  const start = performance.now();
  const ops = scenario.ops;
  for (let i = 0; i < ops.length;) {
    // One look: every op that came before its end.
    const lookEnd = (Math.floor((ops[i] as Op).time / LOOK_MS) + 1) * LOOK_MS;
    for (; i < ops.length && (ops[i] as Op).time < lookEnd; i++) {
      const op = ops[i] as Op;
      if (!writer.put(op.connection, op.kind, start + op.time, op.data))
        throw new Error('the replay ring is full');
    }
    reading.looked();
    reader.take(reading.read);
    if (PACED) await sleep(Math.max(0, start + lookEnd - performance.now()));
    else await turn();
  }
  let answered = false;
  const done = new Promise<void>((resolve) => (flushed = resolve)).then(() => {
    answered = true;
  });
  writer.put(1, OP.flush, performance.now());
  reader.take(reading.read);
  // The thread looks until its news is sent (the flush's answer with it).
  while (!answered) {
    await sleep(LOOK_MS);
    reading.looked();
  }
  await done;
  const result = {
    thread: threadCpuUs() - thread0,
    sleeps: threadSleeps() - sleeps0,
    process: processCpuUs() - process0,
    ended,
  };
  channel.port1.close();
  channel.port2.close();
  // BENCH_CAPTURE_KEEP=DIR: the recordings are kept there (to compare two builds' bytes).
  const keep = process.env.BENCH_CAPTURE_KEEP;
  if (dir && keep) renameSync(dir, join(keep, `${scenario.name}-${++kept}`));
  else if (dir) rmSync(dir, { recursive: true, force: true });
  return result;
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function main(): Promise<void> {
  const loadFrom = process.env.BENCH_CAPTURE_LOAD;
  const scenarios = loadFrom ? load(loadFrom) : await captureTraffic();
  const saveTo = process.env.BENCH_CAPTURE_SAVE;
  if (saveTo) save(saveTo, scenarios);
  const [onlyScenario, onlyMode] = ONLY?.split(':') ?? [];
  const modes = onlyMode === undefined ? [false, true] : [onlyMode === 'on'];
  console.log(
    `capture replay: ${ROUNDS} rounds alternated, recording off/on, ${PACED ? 'paced' : 'flat out'}; median CPU µs per unit (this thread; whole process with the recording thread)`,
  );
  console.log(
    '| scenario | off: thread | on: thread | on − off | off: process | on: process | on: sleeps per 100 |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const scenario of scenarios) {
    if (onlyScenario !== undefined && scenario.name !== onlyScenario) continue;
    const runs = new Map<boolean, { thread: number[]; process: number[]; sleeps: number[] }>(
      modes.map((m) => [m, { thread: [], process: [], sleeps: [] }]),
    );
    // A warm-up replay of each mode: the JIT's work is not what is measured.
    if (onlyScenario === undefined) for (const mode of modes) await replay(scenario, mode);
    for (let round = 0; round < ROUNDS; round++)
      for (const mode of modes) {
        const r = await replay(scenario, mode);
        const calls = scenario.unit === 'call' ? scenario.units : 1;
        if (r.ended !== calls)
          throw new Error(`${scenario.name}: ${r.ended} calls ended, ${calls} expected`);
        runs.get(mode)?.thread.push(r.thread / scenario.units);
        runs.get(mode)?.process.push(r.process / scenario.units);
        runs.get(mode)?.sleeps.push((100 * r.sleeps) / scenario.units);
      }
    const cell = (mode: boolean, k: 'thread' | 'process' | 'sleeps'): number =>
      median(runs.get(mode)?.[k] ?? []);
    const fmt = (n: number): string => (Number.isNaN(n) ? '–' : n.toFixed(2));
    console.log(
      `| ${scenario.name} (${scenario.units} ${scenario.unit}s, ${scenario.ops.length} ops) | ${fmt(cell(false, 'thread'))} | ${fmt(cell(true, 'thread'))} | ${fmt(cell(true, 'thread') - cell(false, 'thread'))} | ${fmt(cell(false, 'process'))} | ${fmt(cell(true, 'process'))} | ${fmt(cell(true, 'sleeps'))} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
