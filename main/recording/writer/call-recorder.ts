import type { DescMethod, Registry } from '@bufbuild/protobuf';
import type { CallEvent, MetadataEntry } from '../../../shared/calls/events.js';
import {
  RECORDING_FORMAT,
  RECORDING_VERSION,
  type RecordingHeader,
} from '../../../shared/recording/index.js';
import { RecordingError } from '../recording-error.js';
import { descMethodOf } from '../../schema/desc-method.js';
import { callKindOf, methodFiles, PackedTypeFiles } from './method-files.js';
import { canHoldAny } from '../../codec/unknown-any.js';
import type { RecordingIndex } from '../reader/recording-index.js';
import { createRecordingWriter } from './recording-writer.js';
import type { RecordingFiles } from './recording-thread.js';
import type { RecordingPack } from './recording-pack.js';

export interface CallRecorderOptions {
  /** The file to write (created or truncated). */
  path: string;
  /** The schema the call uses; the method's files are stored in the recording. */
  registry: Registry;
  /** '/package.Service/Method' */
  method: string;
  /** The method's descriptor, when the caller has it already (a proxy keeps it per method). */
  methodDesc?: DescMethod;
  target: string;
  metadata?: MetadataEntry[];
  deadlineMs?: number;
  /** e.g. 'server reflection' or the proto file names. */
  schemaSource?: string;
  /** Names of the secrets the call used (masked in metadata and events), for replay and mock. */
  secrets?: string[];
  flushIntervalMs?: number;
  /** Created and written on this thread (see RecordingWriterOptions.thread). */
  thread?: RecordingFiles;
  /** A short call's recording goes whole into this file of several (see RecordingWriterOptions.pack). */
  pack?: RecordingPack;
}

/**
 * An observer of one call: `startCall({ ...opts, onEvent: rec.onEvent })`. The session hands it
 * each message's encoded bytes, so the call's log need not keep their base64 (that would roughly
 * double what a long recorded stream holds in memory); events are only read, never changed.
 */
export interface CallRecorder {
  readonly path: string;
  /** Where the recording is once closed: `path`, or `FILE#N` in a file of several. */
  readonly address: string;
  readonly onEvent: (event: Readonly<CallEvent>, bytes?: Uint8Array) => void;
  /** Flushes and closes the file; call it once the call has ended (or is abandoned). */
  close(): Promise<void>;
  /** The file's index, kept while writing (see RecordingWriter.index). */
  index(): RecordingIndex | undefined;
}

/** Builds a recording header for a method of a registry; throws RecordingError for an unknown method. */
export function recordingHeaderFor(
  opts: Omit<CallRecorderOptions, 'path' | 'flushIntervalMs' | 'thread' | 'pack'>,
  file: string,
): RecordingHeader {
  return headerOf(opts, methodToRecord(opts, file));
}

function methodToRecord(
  opts: { registry: Registry; method: string; methodDesc?: DescMethod },
  file: string,
): DescMethod {
  const method = opts.methodDesc ?? descMethodOf(opts.registry, opts.method);
  if (!method)
    throw new RecordingError(
      `method ${opts.method} is not in the loaded schema, so it cannot be recorded`,
      file,
    );
  return method;
}

function headerOf(
  opts: Omit<CallRecorderOptions, 'path' | 'flushIntervalMs' | 'thread'>,
  method: DescMethod,
): RecordingHeader {
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
    ...(opts.secrets !== undefined && opts.secrets.length > 0 ? { secrets: opts.secrets } : {}),
  };
}

/** The `-record FILE` hook: writes the header now and every event of the call as it happens. */
export function createCallRecorder(opts: CallRecorderOptions): CallRecorder {
  const method = methodToRecord(opts, opts.path);
  const header = headerOf(opts, method);
  // The types packed in Any fields (and status details) are only known as the call goes: they are
  // collected, and the header gets their files at close, so replay and mock decode and serve them
  // as real messages. Messages are only looked through when their types can hold an Any.
  const packed = new PackedTypeFiles(opts.registry);
  const scanMessages = messagesCanHoldAny(method);
  let writer;
  try {
    writer = createRecordingWriter({
      path: opts.path,
      header,
      ...(opts.flushIntervalMs !== undefined ? { flushIntervalMs: opts.flushIntervalMs } : {}),
      ...(opts.thread !== undefined ? { thread: opts.thread } : {}),
      ...(opts.pack !== undefined ? { pack: opts.pack } : {}),
    });
  } catch (error) {
    throw new RecordingError(`cannot create the recording: ${(error as Error).message}`, opts.path);
  }
  const w = writer;
  // `address` a plain field, not a getter: V8 makes an object literal's accessors in its old
  // generation, and they kept the recorder's closures from the young generation's collections.
  const recorder: { -readonly [K in keyof CallRecorder]: CallRecorder[K] } = {
    path: opts.path,
    address: opts.path,
    onEvent: (event, bytes) => {
      if (event.type === 'status') for (const d of event.status.details) packed.addType(d.type);
      else if (scanMessages && (event.type === 'sent' || event.type === 'received'))
        packed.add(event.message);
      w.write(event, bytes);
    },
    close: () =>
      w.close(headerWithPacked(header, method, packed)).finally(() => {
        recorder.address = w.address;
      }),
    index: () => w.index(),
  };
  return recorder;
}

/**
 * Per method: a capture proxy records the same few methods call after call, and looking a method
 * up by its path (and its types through for Any fields) cost more than recording a unary call's
 * events.
 */
const holdsAny = new WeakMap<DescMethod, boolean>();

function messagesCanHoldAny(method: DescMethod): boolean {
  let can = holdsAny.get(method);
  if (can === undefined)
    holdsAny.set(method, (can = canHoldAny(method.input) || canHoldAny(method.output)));
  return can;
}

/** The header with the packed types' files, or undefined when it already had them all. */
function headerWithPacked(
  header: RecordingHeader,
  method: DescMethod,
  packed: PackedTypeFiles,
): RecordingHeader | undefined {
  if (packed.files.length === 0) return undefined;
  const files = methodFiles(method, packed.files);
  return files.length === header.files.length ? undefined : { ...header, files };
}
