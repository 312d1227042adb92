import type { IncomingHttpHeaders } from 'node:http2';
import { IdTable } from '../platform/id-table.js';
import { RecordingPack } from '../recording/writer/recording-pack.js';
import type { RecordingFiles } from '../recording/writer/recording-thread.js';
import {
  CallRecord,
  recordingFileName,
  recordingPackName,
  type CallSummary,
  type CaptureSchema,
} from './call-record.js';
import type { ObserverContext } from './passive/observed-calls.js';
import { deadlineMsOf, requestMetadataOf } from './wire-metadata.js';

/** A call in progress, as the workbench's Capture panel follows it. */
export interface LiveCall {
  method: string;
  file: string | undefined;
  counts: { readonly sent: number; readonly received: number };
}

export interface RecordingCallsOptions {
  /** What the recordings name as the target. */
  target: string;
  /** Where each call's recording goes; no recordings without. */
  recordDir: string | undefined;
  /**
   * Short calls' recordings go whole into files of several (`*.recordings`, see RecordingPack)
   * instead of a file each; a call that lasts longer than the writer's flush interval, or outgrows
   * its first batch, still gets its own file.
   */
  packRecordings?: boolean;
  /** Where the recordings' files are made and written (default: the process's recording thread). */
  files?: RecordingFiles;
  schema: CaptureSchema | undefined;
  maxObservedBytes: number;
  /** The next call's number, for its file name (one count for every thread that records). */
  nextCall(): number;
  /** When things happen (see CallRecordOptions.now). */
  now?: () => number;
  /** Events recorded as they are read (see CallRecordOptions.immediate). */
  immediate?: boolean;
  started?(call: LiveCall, record: CallRecord): void;
  /** The call is over and its recording closed (a recording error is in the summary). */
  ended?(summary: CallSummary, record: CallRecord): void;
  onError(error: Error): void;
}

export interface RecordingCalls extends ObserverContext {
  /** Resolves once every call settled so far has its recording closed and has been reported. */
  settled(): Promise<void>;
}

/**
 * The calls a proxy records, whichever path reads them (the terminating path, a pass-through read
 * on the event loop or on the capture thread): each call's CallRecord with its file, and its end
 * (recording closed, then reported).
 */
export function recordingCalls(opts: RecordingCallsOptions): RecordingCalls {
  // Calls whose recordings are closing, by a number of their own; an IdTable, not a Set: one per
  // call comes and goes (see IdTable).
  const open = new IdTable<Promise<void>>();
  let closing = 0;
  const dir = opts.recordDir;
  const pack =
    dir !== undefined && opts.packRecordings
      ? new RecordingPack(() => recordingPackName(dir))
      : undefined;
  const newRecord = (method: string, headers: IncomingHttpHeaders): CallRecord => {
    const file =
      opts.recordDir === undefined
        ? undefined
        : recordingFileName(opts.recordDir, method, opts.nextCall());
    const record = new CallRecord({
      method,
      target: opts.target,
      metadata: () => requestMetadataOf(headers),
      deadlineMs: deadlineMsOf(headers),
      file,
      ...(pack ? { pack } : {}),
      ...(opts.files ? { files: opts.files } : {}),
      schema: opts.schema,
      maxObservedBytes: opts.maxObservedBytes,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.immediate ? { immediate: true } : {}),
    });
    opts.started?.({ method, file, counts: record }, record);
    return record;
  };
  const settle = (record: CallRecord): void => {
    const n = ++closing;
    const done = record
      .close()
      .then((summary) => {
        if (summary.recordingError !== undefined) opts.onError(new Error(summary.recordingError));
        opts.ended?.(summary, record);
      })
      .finally(() => open.delete(n));
    open.set(n, done);
  };
  return {
    target: opts.target,
    maxObservedBytes: opts.maxObservedBytes,
    newRecord,
    settle,
    onError: (error) => opts.onError(error),
    ...(opts.now ? { now: opts.now } : {}),
    settled: async () => {
      await Promise.all(open.values());
    },
  };
}
