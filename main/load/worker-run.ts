// One worker's share of a load run, on grpc-js's client calls directly: no per-call event log
// (that is the UI's, and costs at this rate). The request is planned by the engine's planCall
// (method, channel config, codecs), channels come from the channel pool (one pool per connection:
// the pool keys by config, and each pooled channel has its own subchannel, so K pools are K TCP
// connections).
//
// Latency. Closed model: from the call's start. Open model: from its intended start (its slot in
// the arrival schedule), so a call held back because the server or this generator fell behind
// counts the wait: the coordinated-omission correction (a generator that measured from the
// actual start would hide exactly the stalls a load test is for).
import * as grpc from '@grpc/grpc-js';
import * as hdr from 'hdr-histogram-js';
import { performance } from 'node:perf_hooks';
import { sendsStream } from '../../shared/schema/methods.js';
import { ChannelPool } from '../channels/index.js';
import { planCall } from '../engine/call-plan.js';
import { loadDescriptorSet } from '../schema/index.js';
import { callInputs, type CallInput } from './call-inputs.js';
import { refuseNonGrpcLoad } from './load-protocol.js';
import type { LoadTarget, WorkerShare, WorkerTotals } from './load-types.js';
import { arrivalMs } from './schedule.js';
import type { StatusCount } from './report-types.js';

const FRAME_PREFIX = 5;
const identity = (b: Buffer): Buffer => b;

/** Epoch milliseconds with sub-millisecond resolution, comparable across threads. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export interface WorkerSink {
  progress(totals: WorkerTotals, interval: string): void;
}

export interface RunningShare {
  /**
   * Resolves once every counted call has ended: the totals, and the calls ended since the last
   * progress (the last, partial interval, which no tick reported).
   */
  done: Promise<{ totals: WorkerTotals; interval: string }>;
  /** Starts no more calls and cancels those in flight (they count, as CANCELLED). */
  stop(): void;
}

interface Live {
  cancel(): void;
}

function newHistogram(): hdr.Histogram {
  return hdr.build({ numberOfSignificantValueDigits: 3 });
}

/** Plans the call once: a bad request or schema fails here, before `start`. */
export function prepareShare(target: LoadTarget, share: WorkerShare) {
  refuseNonGrpcLoad(target.request);
  const schema = loadDescriptorSet(target.descriptorSet, 'load schema');
  const plan = planCall(schema, target.request, target.baseDir);
  const kind = plan.method.kind;
  const messageCount = sendsStream(kind) ? (share.streamMessages ?? plan.messages.length) : 1;
  const inputs = callInputs(plan, target.request, messageCount, target.dataRows);
  return { plan, inputs };
}

export function startShare(
  target: LoadTarget,
  share: WorkerShare,
  startAt: number,
  sink: WorkerSink,
): RunningShare {
  const { plan, inputs } = prepareShare(target, share);
  const pools = Array.from({ length: Math.max(1, share.connections) }, () => new ChannelPool());
  const clients = pools.map((p) => p.get(plan.config));
  const counts = {
    sent: 0,
    ok: 0,
    errors: 0,
    messagesSent: 0,
    messagesReceived: 0,
    bytesSent: 0,
    bytesReceived: 0,
  };
  const statuses = new Map<number, StatusCount>();
  const total = newHistogram();
  let interval = newHistogram();
  let firstStart = 0;
  let lastStart = 0;
  let lastEnd = 0;
  const live = new Set<Live>();
  const measureFrom = startAt + share.warmupMs;
  const endAt = share.durationMs !== undefined ? measureFrom + share.durationMs : Infinity;
  let stopped = false;
  let nextClient = 0;
  let inFlight = 0;

  const totals = (): WorkerTotals => ({
    ...counts,
    statuses: [...statuses.values()].sort((a, b) => a.code - b.code),
    histogram: hdr.encodeIntoCompressedBase64(total),
    firstStart,
    lastStart,
    lastEnd,
  });

  const recordEnd = (counted: boolean, from: number, code: number, message: string): void => {
    inFlight--;
    if (!counted) return;
    const end = nowMs();
    lastEnd = Math.max(lastEnd, end);
    const us = Math.max(1, Math.round((end - from) * 1000));
    total.recordValue(us);
    interval.recordValue(us);
    if (code === 0) counts.ok++;
    else counts.errors++;
    const seen = statuses.get(code);
    if (seen) seen.count++;
    else statuses.set(code, { code, count: 1, sample: message });
  };

  /** Starts call k; `from` is when its latency starts (its intended start in the open model). */
  const call = (k: number, counted: boolean, from: number): Promise<void> => {
    inFlight++;
    let input: CallInput;
    try {
      input = inputs(k);
    } catch (error) {
      if (counted) counts.sent++;
      recordEnd(counted, from, 3, (error as Error).message);
      return Promise.resolve();
    }
    const client = clients[nextClient++ % clients.length] as grpc.Client;
    if (counted) {
      counts.sent++;
      if (firstStart === 0) firstStart = nowMs();
      lastStart = nowMs();
      counts.messagesSent += input.messages.length;
      for (const m of input.messages) counts.bytesSent += m.length + FRAME_PREFIX;
    }
    const options: grpc.CallOptions =
      plan.deadlineMs !== undefined ? { deadline: Date.now() + plan.deadlineMs } : {};
    // The method's response codec decodes each answer, as the engine's calls do; one that does
    // not decode ends the call with INTERNAL (grpc-js's own handling of a deserializer that throws).
    const received = (buffer: Buffer): number => {
      plan.responseCodec.decode(buffer);
      if (counted) {
        counts.messagesReceived++;
        counts.bytesReceived += buffer.length + FRAME_PREFIX;
      }
      return buffer.length;
    };
    return new Promise<void>((resolve) => {
      const handle: Live = { cancel: () => undefined };
      const finish = (code: number, message: string): void => {
        if (!live.delete(handle)) return;
        recordEnd(counted, from, code, message);
        resolve();
      };
      // Unary and client-streaming calls end in grpc-js's callback: an error, or null for OK.
      const answered = (error: grpc.ServiceError | null): void =>
        finish(error ? error.code : 0, error ? error.details : '');
      live.add(handle);
      const path = plan.method.path;
      switch (plan.method.kind) {
        case 'unary': {
          const c = client.makeUnaryRequest(
            path,
            identity,
            received,
            input.messages[0] as Buffer,
            input.metadata,
            options,
            answered,
          );
          handle.cancel = () => c.cancel();
          break;
        }
        case 'client_stream': {
          const c = client.makeClientStreamRequest(
            path,
            identity,
            received,
            input.metadata,
            options,
            answered,
          );
          for (const m of input.messages) c.write(m);
          c.end();
          handle.cancel = () => c.cancel();
          break;
        }
        case 'server_stream': {
          const c = client.makeServerStreamRequest(
            path,
            identity,
            received,
            input.messages[0] as Buffer,
            input.metadata,
            options,
          );
          streamEnd(c, finish);
          handle.cancel = () => c.cancel();
          break;
        }
        default: {
          const c = client.makeBidiStreamRequest(path, identity, received, input.metadata, options);
          streamEnd(c, finish);
          for (const m of input.messages) c.write(m);
          c.end();
          handle.cancel = () => c.cancel();
        }
      }
    });
  };

  const ticker = setInterval(() => {
    const encoded = hdr.encodeIntoCompressedBase64(interval);
    interval = newHistogram();
    sink.progress(totals(), encoded);
  }, share.intervalMs);

  const run = share.rate ? openModel() : closedModel();

  async function closedModel(): Promise<void> {
    let k = share.index;
    let started = 0;
    const lane = async (): Promise<void> => {
      for (;;) {
        const now = nowMs();
        if (stopped || now >= endAt) return;
        const counted = now >= measureFrom;
        if (counted && share.total !== undefined && started >= share.total) return;
        if (counted) started++;
        const myK = k;
        k += share.workers;
        await call(myK, counted, nowMs());
      }
    };
    await waitUntil(startAt);
    await Promise.all(Array.from({ length: share.concurrency }, lane));
  }

  async function openModel(): Promise<void> {
    const rate = share.rate!;
    const waiting: (() => void)[] = [];
    const pending: Promise<void>[] = [];
    // Arrivals past the in-flight limit wait for a slot; their latency still counts from their slot.
    const launch = (k: number, counted: boolean, due: number): void => {
      const go = (): void => {
        pending.push(call(k, counted, due).then(() => waiting.shift()?.()));
      };
      if (inFlight < share.concurrency) go();
      else waiting.push(go);
    };
    await waitUntil(startAt);
    // Warm-up: the starting rate, not counted.
    const warmRate = { from: rate.from || rate.to, to: rate.from || rate.to, rampMs: 0 };
    await schedule(warmRate, startAt, measureFrom, undefined, false, launch);
    await schedule(rate, measureFrom, endAt, share.total, true, launch);
    while (waiting.length > 0 && !stopped) await new Promise((r) => setTimeout(r, 1));
    // A stop drops the arrivals still waiting: they were never sent.
    waiting.length = 0;
    await Promise.all(pending);
  }

  function schedule(
    rate: { from: number; to: number; rampMs: number },
    from: number,
    until: number,
    total: number | undefined,
    counted: boolean,
    launch: (k: number, counted: boolean, due: number) => void,
  ): Promise<void> {
    return new Promise((resolve) => {
      let j = 0;
      const tick = (): void => {
        for (;;) {
          const k = share.index + j * share.workers;
          const due = from + arrivalMs(rate, k);
          if (stopped || due >= until || (total !== undefined && k >= total)) return resolve();
          if (due > nowMs()) {
            setTimeout(tick, Math.max(0, Math.floor(due - nowMs())));
            return;
          }
          j++;
          launch(k, counted, due);
        }
      };
      tick();
    });
  }

  /** Timers may fire a little early: waits again until `at` has really come. */
  async function waitUntil(at: number): Promise<void> {
    for (let wait = at - nowMs(); wait > 0; wait = at - nowMs())
      await new Promise((r) => setTimeout(r, Math.ceil(wait)));
  }

  const done = run.then(() => {
    clearInterval(ticker);
    for (const pool of pools) pool.close();
    return { totals: totals(), interval: hdr.encodeIntoCompressedBase64(interval) };
  });
  return {
    done,
    stop() {
      stopped = true;
      for (const call of [...live]) call.cancel();
    },
  };
}

function streamEnd(
  c: grpc.ClientReadableStream<unknown> | grpc.ClientDuplexStream<Buffer, unknown>,
  finish: (code: number, message: string) => void,
): void {
  c.on('data', () => undefined);
  c.on('error', (error: grpc.ServiceError) => finish(error.code, error.details));
  c.on('status', (status: grpc.StatusObject) => {
    if (status.code === 0) finish(0, '');
  });
}
