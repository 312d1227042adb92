// What a load worker is given and what it answers (structured-clonable: it crosses threads).
import type { RequestDocument } from '../../shared/request/document.js';
import type { DataRow } from '../runner/data-file.js';
import type { RateSpec } from './schedule.js';
import type { LoadCounts, StatusCount } from './report-types.js';

export interface LoadTarget {
  /** The method's schema as a serialized google.protobuf.FileDescriptorSet. */
  descriptorSet: Uint8Array;
  /**
   * The request with its variables substituted (the engine's prepare step), except `{{$uuid}}`-
   * style dynamic values and `--data` columns: those are filled in again for every call.
   */
  request: RequestDocument;
  /** Relative certificate paths start here. */
  baseDir?: string;
  /** `--data` rows: call k uses row k modulo their number. */
  dataRows?: DataRow[];
}

export interface WorkerShare {
  index: number;
  workers: number;
  /** Calls this worker keeps in flight (closed model) or at most in flight (open model). */
  concurrency: number;
  /** Open model: the run's whole arrival schedule, of which this worker takes every workers-th. */
  rate?: RateSpec;
  /** Closed model: this worker's calls; open model: the run's (arrivals below it). */
  total?: number;
  durationMs?: number;
  warmupMs: number;
  /** Channels (TCP connections) of this worker. */
  connections: number;
  /** Messages each client- or bidi-streaming call sends. */
  streamMessages?: number;
  intervalMs: number;
}

export interface WorkerTotals extends LoadCounts {
  statuses: StatusCount[];
  /** Latencies in microseconds, hdr-histogram-js compressed base64. */
  histogram: string;
  /** Epoch ms of the first counted start, the last counted start and end (0 when none). */
  firstStart: number;
  lastStart: number;
  lastEnd: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; totals: WorkerTotals; interval: string }
  /** `interval`: the calls ended since the last progress (the run's last, partial interval). */
  | { type: 'done'; totals: WorkerTotals; interval: string }
  | { type: 'failed'; message: string; code?: string };

export type ParentMessage = { type: 'start'; at: number } | { type: 'stop' };
