import type { Registry } from '@bufbuild/protobuf';
import type { CallEvent, MetadataEntry } from '../../../shared/calls/events.js';
import {
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordingHeader,
} from '../../../shared/recording/index.js';
import { RecordingError } from '../recording-error.js';
import { callKindOf, findMethodDesc, methodFiles } from './method-files.js';
import type { RecordingIndex } from '../reader/recording-index.js';
import { createRecordingWriter } from './recording-writer.js';

export interface CallRecorderOptions {
  /** The file to write (created or truncated). */
  path: string;
  /** The schema the call uses; the method's files are stored in the recording. */
  registry: Registry;
  /** '/package.Service/Method' */
  method: string;
  target: string;
  metadata?: MetadataEntry[];
  deadlineMs?: number;
  /** e.g. 'server reflection' or the proto file names. */
  schemaSource?: string;
  flushIntervalMs?: number;
  /**
   * Drop each event's `raw` once it is written (default true). The base64 is there only for the
   * recording, and the call's own log keeps every event: leaving it there would roughly double what
   * a long recorded stream holds in memory and slow every garbage collection.
   */
  releaseRaw?: boolean;
}

/** Spread into startCall's options: `startCall({ ...opts, keepRaw: rec.keepRaw, onEvent: rec.onEvent })`. */
export interface CallRecorder {
  readonly path: string;
  readonly keepRaw: true;
  readonly onEvent: (event: CallEvent) => void;
  /** Flushes and closes the file; call it once the call has ended (or is abandoned). */
  close(): Promise<void>;
  /** The file's index, kept while writing (see RecordingWriter.index). */
  index(): RecordingIndex | undefined;
}

/** Builds a recording header for a method of a registry; throws RecordingError for an unknown method. */
export function recordingHeaderFor(
  opts: Omit<CallRecorderOptions, 'path' | 'flushIntervalMs'>,
  file: string,
): RecordingHeader {
  const method = findMethodDesc(opts.registry, opts.method);
  if (!method)
    throw new RecordingError(
      `method ${opts.method} is not in the loaded schema, so it cannot be recorded`,
      file,
    );
  return {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    method: opts.method,
    kind: callKindOf(method),
    requestType: method.input.typeName,
    responseType: method.output.typeName,
    target: opts.target,
    startedAt: Date.now(),
    metadata: opts.metadata ?? [],
    ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
    files: methodFiles(method),
    ...(opts.schemaSource !== undefined ? { schemaSource: opts.schemaSource } : {}),
  };
}

/** The `-record FILE` hook: writes the header now and every event of the call as it happens. */
export function createCallRecorder(opts: CallRecorderOptions): CallRecorder {
  const header = recordingHeaderFor(opts, opts.path);
  let writer;
  try {
    writer = createRecordingWriter({
      path: opts.path,
      header,
      ...(opts.flushIntervalMs !== undefined ? { flushIntervalMs: opts.flushIntervalMs } : {}),
    });
  } catch (error) {
    throw new RecordingError(`cannot create the recording: ${(error as Error).message}`, opts.path);
  }
  const w = writer;
  return {
    path: opts.path,
    keepRaw: true,
    onEvent:
      opts.releaseRaw === false
        ? (event) => w.write(event)
        : (event) => {
            w.write(event);
            if ((event.type === 'sent' || event.type === 'received') && event.raw !== undefined) {
              // Overwritten, not deleted: a delete would turn the event into a slow dictionary object.
              (event as { raw?: string }).raw = undefined;
            }
          },
    close: () => w.close(),
    index: () => w.index(),
  };
}
