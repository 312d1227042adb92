// What a load run reports: plain data (the JSON reporter writes it as is; the UI will read it).
import type { ThresholdResult } from './thresholds.js';

export interface LatencySummary {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface StatusCount {
  /** The gRPC status code (0 = OK). */
  code: number;
  count: number;
  /** The message of one call that ended with this code. */
  sample: string;
}

export interface LoadCounts {
  /** Calls started in the measured part of the run (warm-up calls are not counted). */
  sent: number;
  ok: number;
  errors: number;
  messagesSent: number;
  messagesReceived: number;
  /** Message bytes each way, each with its 5-byte gRPC frame prefix (headers not included). */
  bytesSent: number;
  bytesReceived: number;
}

export interface LoadReport extends LoadCounts {
  target: string;
  method: string;
  /** closed: a fixed number in flight; open: a constant (or ramped) arrival rate. */
  model: 'closed' | 'open';
  workers: number;
  connections: number;
  concurrency: number;
  /** Measured time (after the warm-up) until the last counted call ended. */
  durationMs: number;
  rps: number;
  /** Milliseconds; open-model latencies count from each call's intended start. */
  latencyMs: LatencySummary;
  statuses: StatusCount[];
  thresholds: ThresholdResult[];
  /** Stopped early (Ctrl-C): the calls in flight were cancelled and are counted. */
  interrupted: boolean;
}

/** One reporting interval (about a second) of a running load. */
export interface LoadProgress extends LoadCounts {
  elapsedMs: number;
  intervalMs: number;
  /** Calls ended in this interval per second. */
  rps: number;
  latencyMs: LatencySummary;
}
