// The coordinator: splits the run over worker threads, starts them together, merges their HDR
// histograms each interval and at the end, and reports. A stop (Ctrl-C) cancels the calls in
// flight; every call that started is still counted once it ends (sent = OK + errors).
import * as hdr from 'hdr-histogram-js';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { CommandError, isErrorCode } from '../../shared/contract/errors.js';
import type { LoadTarget, WorkerMessage, WorkerShare, WorkerTotals } from './load-types.js';
import type {
  LatencySummary,
  LoadCounts,
  LoadProgress,
  LoadReport,
  StatusCount,
} from './report-types.js';
import type { RateSpec } from './schedule.js';
import { checkThresholds, type Threshold } from './thresholds.js';
import { nowMs } from './worker-run.js';
import { spawnLoadWorker } from './worker-script.js';

export interface LoadSettings {
  workers?: number;
  /** Closed model: calls in flight; open model: the most in flight (default 1000). */
  concurrency?: number;
  rate?: RateSpec;
  total?: number;
  durationMs?: number;
  warmupMs?: number;
  connections?: number;
  streamMessages?: number;
  thresholds?: readonly Threshold[];
  intervalMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /** The run's merged latency histogram (microseconds), once, as the report is made. */
  onHistogram?: (histogram: hdr.Histogram) => void;
  /**
   * When the counted calls started (epoch ms, first and last), once, as the report is made: the
   * generator's own pacing. The report's rps counts until the last call ended, so it also holds
   * the last calls' latency, which on a machine that cannot keep up is the machine's, not the pace.
   */
  onStarts?: (starts: { first: number; last: number }) => void;
}

export const DEFAULT_DURATION_MS = 10_000;
const OPEN_MODEL_MAX_IN_FLIGHT = 1000;
/** Workers start together this long after the last is ready. */
const START_DELAY_MS = 20;

export function defaultWorkers(): number {
  return Math.min(availableParallelism(), 4);
}

/** `n` split into `parts` as evenly as possible (the first ones get the remainder). */
function split(n: number, parts: number, i: number): number {
  return Math.floor(n / parts) + (i < n % parts ? 1 : 0);
}

function shares(settings: LoadSettings, workers: number): WorkerShare[] {
  const open = settings.rate !== undefined;
  const concurrency = settings.concurrency ?? (open ? OPEN_MODEL_MAX_IN_FLIGHT : 1);
  const connections = settings.connections ?? 1;
  const duration =
    settings.durationMs ?? (settings.total === undefined ? DEFAULT_DURATION_MS : undefined);
  return Array.from({ length: workers }, (_, index) => ({
    index,
    workers,
    concurrency: Math.max(1, split(concurrency, workers, index)),
    ...(settings.rate ? { rate: settings.rate } : {}),
    ...(settings.total !== undefined
      ? { total: open ? settings.total : split(settings.total, workers, index) }
      : {}),
    ...(duration !== undefined ? { durationMs: duration } : {}),
    warmupMs: settings.warmupMs ?? 0,
    connections: Math.max(1, split(connections, workers, index)),
    ...(settings.streamMessages !== undefined ? { streamMessages: settings.streamMessages } : {}),
    intervalMs: settings.intervalMs ?? 1000,
  }));
}

function summary(h: hdr.Histogram): LatencySummary {
  const ms = (us: number): number => us / 1000;
  if (h.totalCount === 0) return { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  return {
    p50: ms(h.getValueAtPercentile(50)),
    p90: ms(h.getValueAtPercentile(90)),
    p95: ms(h.getValueAtPercentile(95)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
    mean: ms(h.mean),
  };
}

function addCounts(list: readonly LoadCounts[]): LoadCounts {
  const sum = (key: keyof LoadCounts): number => list.reduce((n, c) => n + c[key], 0);
  return {
    sent: sum('sent'),
    ok: sum('ok'),
    errors: sum('errors'),
    messagesSent: sum('messagesSent'),
    messagesReceived: sum('messagesReceived'),
    bytesSent: sum('bytesSent'),
    bytesReceived: sum('bytesReceived'),
  };
}

function mergeStatuses(list: readonly WorkerTotals[]): StatusCount[] {
  const merged = new Map<number, StatusCount>();
  for (const s of list.flatMap((t) => t.statuses)) {
    const seen = merged.get(s.code);
    if (seen) seen.count += s.count;
    else merged.set(s.code, { ...s });
  }
  return [...merged.values()].sort((a, b) => a.code - b.code);
}

function mergeHistograms(encoded: readonly string[]): hdr.Histogram {
  const merged = hdr.build({ numberOfSignificantValueDigits: 3 });
  for (const e of encoded) merged.add(hdr.decodeFromCompressedBase64(e));
  return merged;
}

interface WorkerState {
  worker: Worker;
  latest?: WorkerTotals;
  /** Intervals (encoded histograms) not yet in a progress point: none is dropped or counted twice. */
  intervals: string[];
  done: boolean;
}

/**
 * Whether the run's last, partial interval is a point of its own. Always when no point was made
 * yet (a run shorter than one tick still has its figures in the timeline); otherwise only when
 * calls ended or started since the last point: a run that ends right on a tick has no second,
 * identical point.
 */
export function lastIntervalIsNewPoint(
  lastPoint: LoadCounts | undefined,
  final: LoadCounts,
  endedInTail: number,
): boolean {
  if (lastPoint === undefined || endedInTail > 0) return true;
  return (Object.keys(final) as (keyof LoadCounts)[]).some((key) => final[key] !== lastPoint[key]);
}

export async function runLoad(
  target: LoadTarget,
  settings: LoadSettings = {},
): Promise<LoadReport> {
  const workerCount = Math.max(1, settings.workers ?? defaultWorkers());
  const plan = shares(settings, workerCount);
  const states: WorkerState[] = plan.map((share) => ({
    worker: spawnLoadWorker(target, share),
    intervals: [],
    done: false,
  }));
  try {
    return await coordinate(target, settings, plan, states);
  } finally {
    await Promise.all(states.map((s) => s.worker.terminate()));
  }
}

async function coordinate(
  target: LoadTarget,
  settings: LoadSettings,
  plan: readonly WorkerShare[],
  states: WorkerState[],
): Promise<LoadReport> {
  let failure: Error | undefined;
  let ready = 0;
  let finished = 0;
  // Where the next progress interval starts: the run's start, then each point's time.
  let lastProgress = nowMs();
  let lastPoint: LoadCounts | undefined;
  const point = (): void => {
    const now = nowMs();
    lastPoint = emitProgress(states, settings, now - lastProgress);
    lastProgress = now;
  };
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    for (const s of states) s.worker.postMessage({ type: 'stop' });
  };
  let done: Promise<void> = Promise.resolve();
  const allReady = new Promise<void>((resolveReady, rejectReady) => {
    const allDone = new Promise<void>((resolveDone) => {
      for (const state of states) {
        state.worker.on('error', (error) => {
          failure ??= error;
          rejectReady(error);
          stop();
          resolveDone();
        });
        state.worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'ready' && ++ready === states.length) resolveReady();
          if (message.type === 'failed') {
            failure ??= isErrorCode(message.code ?? '')
              ? new CommandError(message.code as never, message.message)
              : new Error(message.message);
            rejectReady(failure);
            stop();
            resolveDone();
          }
          if (message.type === 'progress') {
            state.latest = message.totals;
            state.intervals.push(message.interval);
            // A worker that is done ticks no more: it does not hold back the others' points.
            if (states.every((s) => s.done || s.intervals.length > 0)) point();
          }
          if (message.type === 'done') {
            state.latest = message.totals;
            state.intervals.push(message.interval);
            state.done = true;
            if (++finished === states.length) resolveDone();
          }
        });
      }
    });
    done = allDone;
  });
  await allReady;
  const onAbort = (): void => stop();
  settings.signal?.addEventListener('abort', onAbort, { once: true });
  if (settings.signal?.aborted) stop();
  const at = nowMs() + START_DELAY_MS;
  lastProgress = at;
  for (const s of states) s.worker.postMessage({ type: 'start', at });
  try {
    await done;
  } finally {
    settings.signal?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure;
  // The last, partial interval (as k6 and ghz report their tail): what ended after the last tick.
  const tail = mergeHistograms(states.flatMap((s) => s.intervals));
  const final = addCounts(states.flatMap((s) => (s.latest ? [s.latest] : [])));
  if (lastIntervalIsNewPoint(lastPoint, final, tail.totalCount)) point();
  return finalReport(target, settings, plan, states, stopped);
}

/** The progress point of the intervals not yet in one; answers its counts (the run's so far). */
function emitProgress(
  states: WorkerState[],
  settings: LoadSettings,
  intervalMs: number,
): LoadCounts {
  const intervals = states.flatMap((s) => s.intervals.splice(0));
  const totals = states.flatMap((s) => (s.latest ? [s.latest] : []));
  const counts = addCounts(totals);
  if (!settings.onProgress) return counts;
  const h = mergeHistograms(intervals);
  const first = Math.min(...totals.map((t) => t.firstStart).filter((t) => t > 0));
  settings.onProgress({
    ...counts,
    elapsedMs: Number.isFinite(first) ? nowMs() - first : 0,
    intervalMs,
    rps: intervalMs > 0 ? (h.totalCount * 1000) / intervalMs : 0,
    latencyMs: summary(h),
  });
  return counts;
}

function finalReport(
  target: LoadTarget,
  settings: LoadSettings,
  plan: readonly WorkerShare[],
  states: readonly WorkerState[],
  interrupted: boolean,
): LoadReport {
  const totals = states.map((s) => s.latest as WorkerTotals);
  const counts = addCounts(totals);
  const h = mergeHistograms(totals.map((t) => t.histogram));
  settings.onHistogram?.(h);
  const starts = totals.map((t) => t.firstStart).filter((t) => t > 0);
  if (starts.length > 0)
    settings.onStarts?.({
      first: Math.min(...starts),
      last: Math.max(...totals.map((t) => t.lastStart)),
    });
  const ends = totals.map((t) => t.lastEnd).filter((t) => t > 0);
  const durationMs = starts.length > 0 ? Math.max(...ends) - Math.min(...starts) : 0;
  const report: LoadReport = {
    target: target.request.connection.address,
    method: target.request.method,
    model: settings.rate ? 'open' : 'closed',
    workers: plan.length,
    connections: plan.reduce((n, s) => n + s.connections, 0),
    concurrency: plan.reduce((n, s) => n + s.concurrency, 0),
    ...counts,
    durationMs,
    rps: durationMs > 0 ? (counts.sent * 1000) / durationMs : 0,
    latencyMs: summary(h),
    statuses: mergeStatuses(totals),
    thresholds: [],
    interrupted,
  };
  report.thresholds = checkThresholds(settings.thresholds ?? [], report);
  return report;
}
