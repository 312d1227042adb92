import type { DescMethod, Registry } from '@bufbuild/protobuf';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import zlib from 'node:zlib';
import type { CallEvent, CallStatus, JsonValue, MetadataEntry } from '../../shared/calls/events.js';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../shared/recording/index.js';
import { createMessageCodec, decodeStatusDetails, type MessageCodec } from '../codec/index.js';
import { makeStatus } from '../calls/status.js';
import { toMicroseconds } from '../calls/event-time.js';
import { decodeStatusDetailsRaw } from '../calls/status-details.js';
import { descMethodOf } from '../schema/desc-method.js';
import { callKindOf } from '../recording/writer/method-files.js';
// The writer's own modules, not the recording/ barrel: that brings replay and its transports
// (connect-node) into the capture thread, which needs neither (its start-up paid for them).
import { createCallRecorder } from '../recording/writer/call-recorder.js';
import { createRecordingWriter } from '../recording/writer/recording-writer.js';
import { recordingThread, type RecordingFiles } from '../recording/writer/recording-thread.js';
import type { RecordingPack } from '../recording/writer/recording-pack.js';
import type { ObservedMessage } from './grpc-frames.js';

/** The schema the proxy decodes with, when it has one (reflection on the target, -proto, -protoset). */
export interface CaptureSchema {
  registry: Registry;
  /** e.g. 'server reflection' or the proto files: the recordings' schemaSource. */
  source: string;
}

export interface CallRecordOptions {
  method: string;
  target: string;
  /** The request's metadata, read once the call's bytes are on their way (see CallRecord). */
  metadata: () => MetadataEntry[];
  deadlineMs: number | undefined;
  /** The recording's path; undefined: observe only (counts for the call's line). */
  file: string | undefined;
  /**
   * A call whose recording is still whole in memory when it ends (one that took less than the
   * writer's 50 ms flush interval, and fit its first batch) goes into this file of several
   * instead of `file` (see RecordingPack); the summary's `file` then says `PACK#N`.
   */
  pack?: RecordingPack;
  /** Where the recording's file is made and written (default: the process's recording thread). */
  files?: RecordingFiles;
  schema: CaptureSchema | undefined;
  /** Messages longer than this are forwarded but not kept (the recording says so). */
  maxObservedBytes: number;
  /**
   * When things happen, on performance.now()'s scale (the default): the capture thread reads a
   * call's bytes a little after they passed, and gives each event the time they passed instead.
   */
  now?: () => number;
  /**
   * Record each event as it is read instead of after this turn's socket writes (see the class
   * comment): the capture thread reads bytes that left the proxy before it saw them, so queueing
   * its work only cost a closure and an entry per event and a turn of its loop per batch.
   */
  immediate?: boolean;
}

type EventBody = CallEvent extends infer E
  ? E extends CallEvent
    ? Omit<E, 'seq' | 't'>
    : never
  : never;

interface Sink {
  write(event: Readonly<CallEvent>, bytes?: Uint8Array): void;
  close(): Promise<void>;
  /**
   * Where the recording is (once closed: maybe in a file of several). A function, not a getter:
   * V8 makes an object literal's accessors in its old generation, and a sink per call kept its
   * call's closures (and what they hold) from the young generation's collections.
   */
  address(): string;
}

/** What the proxy says of a call once it is over: one line of `gwb proxy`'s output. */
export interface CallSummary {
  method: string;
  file: string | undefined;
  status: CallStatus;
  sent: number;
  received: number;
  durationMs: number;
  /** Why the recording is missing or incomplete, in words (the call itself went through). */
  recordingError?: string;
}

/**
 * One proxied call as a recording: the same events, in the same shape, as a call made from the
 * workbench (started, sent…, half_closed, headers, received…, trailers, status, ended), so replay,
 * diff and mock read it unchanged. Each event is handed to the recording writer as it happens
 * (the writer flushes at least every 50 ms). The file is created, written and closed by the
 * process's recording thread (RecordingThread), with its first batch: creating a file is the
 * dearest step of recording a call (on this machine's ext4 /tmp ~0.8 ms of kernel time), and
 * neither it nor the writes hold up forwarding. Messages are decoded when the schema has the
 * method; their bytes are always kept (base64 `raw`).
 *
 * Recording work waits for the bytes it records to be on their way: Node's HTTP/2 writes to the
 * socket in a native immediate, after every callback of the current turn, so whatever the
 * recording did in the callback that forwarded a chunk (opening the recording, reading the
 * metadata, decoding and serializing messages) came before the bytes left. That work is queued
 * (`later`) and done in a setImmediate, which runs after the native ones; what the forwarding
 * decides on (`ended`, `status`) is set at once. Each event keeps the time it happened.
 */
export class CallRecord {
  private readonly clock: () => number;
  private readonly t0: number;
  private seq = 0;
  private sink: Sink | undefined;
  private failure: Error | undefined;
  /** Recording work not done yet, in order, each with the time its event happened. */
  private queue: { t: number; work: () => void }[] = [];
  /** The time of the work being done (undefined outside drain()). */
  private at: number | undefined;
  private readonly requestCodec: MessageCodec | undefined;
  private readonly responseCodec: MessageCodec | undefined;
  private readonly registry: Registry | undefined;
  private encoding: { client?: string; server?: string } = {};
  sent = 0;
  received = 0;
  status: CallStatus | undefined;
  private closed: Promise<CallSummary> | undefined;

  constructor(private readonly opts: CallRecordOptions) {
    this.clock = opts.now ?? performanceNow;
    this.t0 = this.clock();
    const known = opts.schema ? methodCodecs(opts.schema.registry, opts.method) : undefined;
    const method = known?.method;
    if (known && opts.schema) {
      this.registry = opts.schema.registry;
      this.requestCodec = known.request;
      this.responseCodec = known.response;
    }
    const file = opts.file;
    if (file === undefined) return;
    // The wall-clock time of the call's start, however late its bytes are read.
    const at = Math.round(Date.now() - (performance.now() - this.t0));
    this.later(() => {
      const metadata = opts.metadata();
      try {
        this.sink = this.openSink(file, method, metadata);
      } catch (error) {
        this.failure = error as Error;
        return;
      }
      this.push({
        type: 'started',
        at,
        method: opts.method,
        kind: method ? callKindOf(method) : 'bidi_stream',
        target: opts.target,
        metadata,
        ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
      });
    });
  }

  /**
   * Queues recording work (done after this turn's writes, see the class comment); at once when
   * the call is not recorded (observing only counts messages) or recorded `immediate`ly.
   */
  later(work: () => void): void {
    if (this.opts.file === undefined || this.opts.immediate) return work();
    this.queue.push({ t: toMicroseconds(this.clock() - this.t0), work });
    if (this.queue.length === 1) due.push(this);
    if (!dueScheduled) {
      dueScheduled = true;
      setImmediate(drainDue);
    }
  }

  /**
   * Does the queued work, in order, all of it: nothing is left for a later turn, so what is
   * queued never outgrows one turn's traffic (and its chunks are let go with it).
   */
  drain(): void {
    const queue = this.queue;
    this.queue = [];
    for (const { t, work } of queue) {
      this.at = t;
      work();
    }
    this.at = undefined;
  }

  private openSink(file: string, desc: DescMethod | undefined, metadata: MetadataEntry[]): Sink {
    const { schema, method, target, deadlineMs } = this.opts;
    if (desc && schema) {
      const recorder = createCallRecorder({
        path: file,
        registry: schema.registry,
        method,
        methodDesc: desc,
        target,
        metadata,
        schemaSource: schema.source,
        ...(deadlineMs !== undefined ? { deadlineMs } : {}),
        thread: this.opts.files ?? recordingThread(),
        ...(this.opts.pack ? { pack: this.opts.pack } : {}),
      });
      return {
        write: recorder.onEvent,
        close: () => recorder.close(),
        address: () => recorder.address,
      };
    }
    // No schema for the method: the header says so; the messages are kept as bytes.
    const writer = createRecordingWriter({
      path: file,
      thread: this.opts.files ?? recordingThread(),
      ...(this.opts.pack ? { pack: this.opts.pack } : {}),
      header: {
        format: RECORDING_FORMAT,
        version: RECORDING_VERSION,
        method,
        kind: 'bidi_stream',
        requestType: 'unknown',
        responseType: 'unknown',
        target,
        startedAt: Date.now(),
        metadata,
        ...(deadlineMs !== undefined ? { deadlineMs } : {}),
        files: [],
        schemaSource: 'none: the proxy had no schema for this method, messages are kept as bytes',
      },
    });
    return {
      write: (event, bytes) => writer.write(event, bytes),
      close: () => writer.close(),
      address: () => writer.address,
    };
  }

  /** Whether messages are to be recorded (observing only counts them). */
  private get recording(): boolean {
    return this.sink !== undefined;
  }

  /**
   * When the event being recorded happened, in ms from the call's start, to the microsecond as a
   * workbench call's events are (eventTime): the full double (`1922.5168760000015`) said nothing
   * more, lengthened every line, and String() of it was a fair part of writing a message's line.
   */
  private now(): number {
    return this.at ?? toMicroseconds(this.clock() - this.t0);
  }

  /**
   * Every body is a fresh object literal of this file, so it gets its seq and time in place (the
   * keys stay last, as the line has them): spreading bodies of many shapes into new objects cost
   * about what serialising the line did, and left twice the garbage.
   */
  private push(freshBody: EventBody, bytes?: Uint8Array): void {
    const event = freshBody as { seq: number; t: number } & EventBody;
    event.seq = this.seq++;
    event.t = this.now();
    this.write(event as CallEvent, bytes);
  }

  /** An event the forwarding knows of now, recorded in order with the queued work. */
  private pushLater(freshBody: EventBody): void {
    this.later(() => this.push(freshBody));
  }

  private write(event: CallEvent, bytes: Uint8Array | undefined): void {
    // A message observed in place is a view of a chunk that goes on: the writer encodes it now.
    this.sink?.write(event, bytes);
  }

  /**
   * The usual message (decoded, not compressed) as one object literal of one shape: spreading
   * events of many shapes into a new one cost as much as serializing the line.
   */
  private pushMessage(type: 'sent' | 'received', message: JsonValue, bytes: Buffer): void {
    const t = this.now();
    this.write({ type, message, size: bytes.length, seq: this.seq++, t }, bytes);
  }

  setEncoding(side: 'client' | 'server', encoding: string | string[] | undefined): void {
    if (typeof encoding === 'string' && encoding !== 'identity') this.encoding[side] = encoding;
  }

  clientMessage(message: ObservedMessage): void {
    this.sent++;
    this.message('sent', message, this.requestCodec, this.encoding.client);
  }

  serverMessage(message: ObservedMessage): void {
    this.received++;
    this.message('received', message, this.responseCodec, this.encoding.server);
  }

  private message(
    type: 'sent' | 'received',
    observed: ObservedMessage,
    codec: MessageCodec | undefined,
    encoding: string | undefined,
  ): void {
    if (!this.recording) return;
    if (observed.bytes === undefined) {
      this.push({
        type,
        message: null,
        size: observed.length,
        decodeError: `not kept: ${observed.length} bytes is over the proxy's bound of ${this.opts.maxObservedBytes} bytes per observed message (it was forwarded whole)`,
      });
      return;
    }
    let bytes: Buffer = observed.bytes;
    const wire: { wireSize?: number; encoding?: string } = {};
    let decodeError: string | undefined;
    if (observed.compressed) {
      wire.wireSize = bytes.length;
      wire.encoding = encoding ?? 'unknown';
      try {
        bytes = inflate(bytes, encoding);
      } catch (error) {
        decodeError = `cannot decompress (${encoding ?? 'no grpc-encoding'}): ${(error as Error).message}`;
      }
    }
    let message: JsonValue = null;
    if (decodeError === undefined && codec && !observed.compressed)
      try {
        return this.pushMessage(type, codec.decode(bytes), bytes);
      } catch (error) {
        decodeError = (error as Error).message || String(error);
      }
    if (decodeError === undefined) {
      if (!codec) decodeError = 'no schema for this method: kept as bytes';
      else
        try {
          message = codec.decode(bytes);
        } catch (error) {
          decodeError = (error as Error).message || String(error);
        }
    }
    this.push(
      {
        type,
        message,
        size: bytes.length,
        ...wire,
        ...(decodeError !== undefined ? { decodeError } : {}),
      },
      bytes,
    );
  }

  halfClosed(): void {
    this.pushLater({ type: 'half_closed' });
  }

  /** The target's response headers, read as metadata once they are on their way. */
  headers(metadata: () => MetadataEntry[]): void {
    this.later(() => this.push({ type: 'headers', metadata: metadata() }));
  }

  /**
   * The target's status from its trailers (or a trailers-only response): the call has ended now;
   * its trailers, details and status are recorded once they are on their way.
   */
  trailers(metadata: () => MetadataEntry[], code: string | undefined, message: string): void {
    if (this.status) return;
    const n = code === undefined || code.trim() === '' ? NaN : Number(code);
    const status = makeStatus(Number.isInteger(n) ? n : 2, message, [], code ?? 'missing');
    this.status = status;
    const ended = this.now();
    this.later(() => {
      const entries = metadata();
      if (entries.length > 0) this.push({ type: 'trailers', metadata: entries });
      const bin = entries.find((m) => m.key === 'grpc-status-details-bin');
      if (bin) this.status = { ...status, details: this.details(Buffer.from(bin.value, 'base64')) };
      this.recordEnd(ended);
    });
  }

  private details(bin: Buffer): CallStatus['details'] {
    try {
      return decodeStatusDetails(this.registry, bin).details;
    } catch {
      return decodeStatusDetailsRaw(bin);
    }
  }

  /** The call ended without a status from the target: what happened, in words. */
  fault(code: number, message: string): void {
    this.end(makeStatus(code, message, []));
  }

  private end(status: CallStatus): void {
    if (this.status) return;
    this.status = status;
    const ended = this.now();
    this.later(() => this.recordEnd(ended));
  }

  /** The status and end events (the status as the trailers completed it). */
  private recordEnd(ended: number): void {
    this.push({ type: 'status', status: this.status as CallStatus });
    this.push({ type: 'ended', durationMs: ended });
  }

  get ended(): boolean {
    return this.status !== undefined;
  }

  /** Closes the recording (once); never fails: a recording error is in the summary. */
  close(): Promise<CallSummary> {
    this.closed ??= (async () => {
      const endedAt = this.clock();
      if (!this.status) this.fault(2, 'the proxy closed before the call ended');
      this.drain();
      // A recording that failed still ends its call: whoever follows the calls learns why.
      const failure = this.failure ?? (await this.sink?.close().then(noFailure, (e: Error) => e));
      return {
        method: this.opts.method,
        file: this.sink?.address() ?? this.opts.file,
        status: this.status as CallStatus,
        sent: this.sent,
        received: this.received,
        durationMs: endedAt - this.t0,
        ...(failure ? { recordingError: failure.message } : {}),
      };
    })();
    return this.closed;
  }
}

const noFailure = (): undefined => undefined;
const performanceNow = (): number => performance.now();

/** Calls with queued recording work, done together (all of it) once per turn of the event loop. */
let due: CallRecord[] = [];
let dueScheduled = false;

function drainDue(): void {
  dueScheduled = false;
  const calls = due;
  due = [];
  for (const call of calls) call.drain();
}

interface MethodCodecs {
  method: DescMethod;
  request: MessageCodec;
  response: MessageCodec;
}

/** Codecs made once per method of a schema: a proxy sees the same few methods over and over. */
const codecCache = new WeakMap<Registry, Map<string, MethodCodecs | undefined>>();

/** Paths kept per schema: methods come from clients, made-up ones must not grow this without end. */
const MAX_CACHED_PATHS = 1000;

/** The method's descriptor and codecs, made once per path of a schema (exported for its test). */
export function methodCodecs(registry: Registry, path: string): MethodCodecs | undefined {
  let byMethod = codecCache.get(registry);
  if (!byMethod) codecCache.set(registry, (byMethod = new Map()));
  if (byMethod.has(path)) return byMethod.get(path);
  if (byMethod.size >= MAX_CACHED_PATHS) byMethod.clear();
  const method = descMethodOf(registry, path);
  const codecs = method && {
    method,
    request: createMessageCodec(registry, method.input.typeName),
    response: createMessageCodec(registry, method.output.typeName),
  };
  byMethod.set(path, codecs);
  return codecs;
}

function inflate(bytes: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return zlib.gunzipSync(bytes);
  if (encoding === 'deflate') return zlib.inflateSync(bytes);
  throw new Error(`unknown grpc-encoding ${encoding ?? '(none)'}`);
}

/** `20261205T093000.123-000042-example.UserService.GetUser.ndjson`: sorted by start, named by method. */
export function recordingFileName(dir: string, method: string, n: number): string {
  return `${folderPrefix(dir)}${stampNow()}-${String(n).padStart(6, '0')}-${fileNameOf(method)}.ndjson`;
}

let packsNamed = 0;

/**
 * `20261205T093000.123-4242.1-1.recordings`: a file of several recordings (RecordingPack), named
 * by when it was started, the process and thread that write it (two proxies may share a folder,
 * and the capture thread records beside the event loop) and its number there.
 */
export function recordingPackName(dir: string): string {
  return `${folderPrefix(dir)}${stampNow()}-${process.pid}.${threadId}-${++packsNamed}.recordings`;
}

// The parts of a name that repeat call after call, made once: a proxy names a file per call, and
// formatting the date and the method with regular expressions each time cost a tenth of
// recording a unary call's events.
let stampAt = NaN;
let stamp = '';
let prefixOf: { dir: string; prefix: string } | undefined;
const fileNames = new Map<string, string>();

function stampNow(): string {
  const now = Date.now();
  if (now === stampAt) return stamp;
  stampAt = now;
  // `2026-12-05T09:30:00.123Z` without its dashes, colons and Z, cut out rather than replaced
  // (two regular expressions a millisecond were most of naming a file).
  const iso = new Date(now).toISOString();
  stamp =
    iso.length === 24
      ? iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 13) + iso.slice(14, 16) + iso.slice(17, 23)
      : iso.replace(/[-:]/g, '').replace('Z', '');
  return stamp;
}

/** The folder as path.join spells it, with the separator after it. */
function folderPrefix(dir: string): string {
  if (prefixOf?.dir !== dir) prefixOf = { dir, prefix: path.join(dir, 'x').slice(0, -1) };
  return prefixOf.prefix;
}

function fileNameOf(method: string): string {
  let name = fileNames.get(method);
  if (name === undefined) {
    name = method.replace(/^\//, '').replace(/[^A-Za-z0-9_.]/g, '.');
    // Methods come from clients: a stream of made-up ones must not grow this without end.
    if (fileNames.size >= 1000) fileNames.clear();
    fileNames.set(method, name);
  }
  return name;
}
