import type { DescMethod, Registry } from '@bufbuild/protobuf';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import zlib from 'node:zlib';
import type { CallEvent, CallStatus, JsonValue, MetadataEntry } from '../../shared/calls/events.js';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../shared/recording/index.js';
import { createMessageCodec, decodeStatusDetails, type MessageCodec } from '../codec/index.js';
import { makeStatus } from '../calls/status.js';
import { decodeStatusDetailsRaw } from '../calls/status-details.js';
import { descMethodOf } from '../schema/desc-method.js';
import { callKindOf } from '../recording/writer/method-files.js';
import { createCallRecorder, createRecordingWriter } from '../recording/index.js';
import { recordingThread } from '../recording/writer/recording-thread.js';
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
  metadata: MetadataEntry[];
  deadlineMs: number | undefined;
  /** The recording's path; undefined: observe only (counts for the call's line). */
  file: string | undefined;
  schema: CaptureSchema | undefined;
  /** Messages longer than this are forwarded but not kept (the recording says so). */
  maxObservedBytes: number;
}

type EventBody = CallEvent extends infer E
  ? E extends CallEvent
    ? Omit<E, 'seq' | 't'>
    : never
  : never;

interface Sink {
  write(event: Readonly<CallEvent>, bytes?: Uint8Array): void;
  close(): Promise<void>;
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
 */
export class CallRecord {
  private readonly t0 = performance.now();
  private seq = 0;
  private readonly sink: Sink | undefined;
  private failure: Error | undefined;
  private readonly requestCodec: MessageCodec | undefined;
  private readonly responseCodec: MessageCodec | undefined;
  private readonly registry: Registry | undefined;
  private encoding: { client?: string; server?: string } = {};
  sent = 0;
  received = 0;
  status: CallStatus | undefined;
  private closed: Promise<CallSummary> | undefined;

  constructor(private readonly opts: CallRecordOptions) {
    const known = opts.schema ? methodCodecs(opts.schema.registry, opts.method) : undefined;
    const method = known?.method;
    if (known && opts.schema) {
      this.registry = opts.schema.registry;
      this.requestCodec = known.request;
      this.responseCodec = known.response;
    }
    if (opts.file !== undefined)
      try {
        this.sink = this.openSink(opts.file, method !== undefined);
      } catch (error) {
        this.failure = error as Error;
      }
    this.push({
      type: 'started',
      at: Date.now(),
      method: opts.method,
      kind: method ? callKindOf(method) : 'bidi_stream',
      target: opts.target,
      metadata: opts.metadata,
      ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
    });
  }

  private openSink(file: string, known: boolean): Sink {
    const { schema, method, target, metadata, deadlineMs } = this.opts;
    if (known && schema) {
      const recorder = createCallRecorder({
        path: file,
        registry: schema.registry,
        method,
        target,
        metadata,
        schemaSource: schema.source,
        ...(deadlineMs !== undefined ? { deadlineMs } : {}),
        thread: recordingThread(),
      });
      return { write: recorder.onEvent, close: () => recorder.close() };
    }
    // No schema for the method: the header says so; the messages are kept as bytes.
    const writer = createRecordingWriter({
      path: file,
      thread: recordingThread(),
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
    return { write: (event, bytes) => writer.write(event, bytes), close: () => writer.close() };
  }

  /** Whether messages are to be recorded (observing only counts them). */
  private get recording(): boolean {
    return this.sink !== undefined;
  }

  private push(body: EventBody, bytes?: Uint8Array): void {
    this.write({ ...body, seq: this.seq++, t: performance.now() - this.t0 } as CallEvent, bytes);
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
    const t = performance.now() - this.t0;
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
    this.push({ type: 'half_closed' });
  }

  headers(metadata: MetadataEntry[]): void {
    this.push({ type: 'headers', metadata });
  }

  /** The target's status from its trailers (or a trailers-only response). */
  trailers(metadata: MetadataEntry[], code: string | undefined, message: string): void {
    if (metadata.length > 0) this.push({ type: 'trailers', metadata });
    const bin = metadata.find((m) => m.key === 'grpc-status-details-bin');
    const details = bin ? this.details(Buffer.from(bin.value, 'base64')) : [];
    const n = code === undefined || code.trim() === '' ? NaN : Number(code);
    this.end(makeStatus(Number.isInteger(n) ? n : 2, message, details, code ?? 'missing'));
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
    this.push({ type: 'status', status });
    this.push({ type: 'ended', durationMs: performance.now() - this.t0 });
  }

  get ended(): boolean {
    return this.status !== undefined;
  }

  /** Closes the recording (once); never fails: a recording error is in the summary. */
  close(): Promise<CallSummary> {
    this.closed ??= (async () => {
      if (!this.status) this.fault(2, 'the proxy closed before the call ended');
      // A recording that failed still ends its call: whoever follows the calls learns why.
      const failure = this.failure ?? (await this.sink?.close().then(noFailure, (e: Error) => e));
      return {
        method: this.opts.method,
        file: this.opts.file,
        status: this.status as CallStatus,
        sent: this.sent,
        received: this.received,
        durationMs: performance.now() - this.t0,
        ...(failure ? { recordingError: failure.message } : {}),
      };
    })();
    return this.closed;
  }
}

const noFailure = (): undefined => undefined;

interface MethodCodecs {
  method: DescMethod;
  request: MessageCodec;
  response: MessageCodec;
}

/** Codecs made once per method of a schema: a proxy sees the same few methods over and over. */
const codecCache = new WeakMap<Registry, Map<string, MethodCodecs | undefined>>();

function methodCodecs(registry: Registry, path: string): MethodCodecs | undefined {
  let byMethod = codecCache.get(registry);
  if (!byMethod) codecCache.set(registry, (byMethod = new Map()));
  if (byMethod.has(path)) return byMethod.get(path);
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
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('Z', '');
  const name = method.replace(/^\//, '').replace(/[^A-Za-z0-9_.]/g, '.');
  return path.join(dir, `${stamp}-${String(n).padStart(6, '0')}-${name}.ndjson`);
}
