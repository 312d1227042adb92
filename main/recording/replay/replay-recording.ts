import type * as grpc from '@grpc/grpc-js';
import { performance } from 'node:perf_hooks';
import type { CallStatus, MetadataEntry } from '../../../shared/calls/events.js';
import {
  plaintextConnection,
  type Connection,
  type Protocol,
} from '../../../shared/request/connection.js';
import { findMethod } from '../../../shared/schema/methods.js';
import type { CallTransport } from '../../calls/call-types.js';
import type { ChannelConfig } from '../../channels/index.js';
import { callTransportFor } from '../../transports/index.js';
import { RecordingError } from '../recording-error.js';
import type { RecordingHeader } from '../../../shared/recording/index.js';
import { speedProblem, timerDelay } from '../../../shared/recording/speed.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { createSecretMask, startCall, type CallSession, type RawSend } from '../../calls/index.js';
import { readHeader, recordingSpan } from '../reader/index.js';
import { ClientSteps } from './client-steps.js';
import { recordingCodecs, type RecordingCodecs } from '../recording-schema.js';
import { createRecordingWriter, type RecordingWriter } from '../writer/recording-writer.js';

export type ReplaySpeed = number | 'max';

export interface ReplayOptions {
  /** The recording whose client side is sent again. */
  recording: string;
  client: grpc.Client;
  /** Shown in the new recording's header. */
  target: string;
  /** Where the new recording goes. */
  out: string;
  /** 1 = the original timing, 2 = twice as fast, 'max' = as fast as flow control allows. */
  speed: ReplaySpeed;
  /** Instead of the recorded request metadata. */
  metadata?: MetadataEntry[];
  /** Instead of the recorded deadline (ms from the start); null for none. */
  deadlineMs?: number | null;
  /**
   * Values of secrets (by name): those the recording masked (`[secret:NAME]` in its metadata and
   * sent messages) are sent with these values, and everything the replay records is masked again.
   */
  secrets?: ReadonlyMap<string, string>;
  /** Over gRPC-Web or Connect instead of `client`'s channel: the protocol and its connection. */
  protocol?: { protocol: Protocol; config: ChannelConfig };
  /** Cancels the call (the engine closing: gwb replay's Ctrl-C); the replay then ends as one. */
  signal?: AbortSignal;
}

export interface ReplayResult {
  out: string;
  status: CallStatus;
  sent: number;
  received: number;
  durationMs: number;
}

/**
 * Where a replay goes when the user names no connection: the recorded address, in plaintext.
 * The one default of every replay (`recording.replay` and `gwb replay`).
 */
export function replayConnection(
  header: Pick<RecordingHeader, 'target'>,
  connection?: Connection,
  recordedProtocol?: Protocol,
): Connection {
  if (connection) return connection;
  const base = plaintextConnection(header.target);
  // Over the protocol the call was recorded with (recorded-protocol.ts), unless told otherwise.
  return recordedProtocol ? { ...base, protocol: recordedProtocol } : base;
}

/**
 * Sends the client side of a recording again and records what the server answers, through the
 * engine's one call session (main/calls: its watchdog, its protocol-violation guards). The
 * recorded bytes are sent as they are (sendRaw, no re-encoding) and each sent line of the new
 * recording is the recorded line with new numbers; the session keeps no log and the source is read
 * as a stream, so a million-message recording replays in bounded memory. Each message waits for
 * the previous write to complete, which is grpc-js flow control.
 */
export async function replayRecording(opts: ReplayOptions): Promise<ReplayResult> {
  const speedRefused = speedProblem(opts.speed);
  if (speedRefused) throw new WorkbenchError('invalid_input', `replay: ${speedRefused}`);
  // Resolved once (FILE#N): the header and the steps are read from the same bytes, and a file
  // changed since (N gone) cannot fail the steps after the call and the new recording started.
  const recording = recordingSpan(opts.recording);
  const header = await readHeader(recording);
  const codecs = recordingCodecs(header, recording);
  const metadata = opts.metadata ?? header.metadata;
  const deadlineMs = opts.deadlineMs === null ? undefined : (opts.deadlineMs ?? header.deadlineMs);
  const { deadlineMs: _recordedDeadline, secrets: _recordedSecrets, ...rest } = header;
  const secrets = opts.secrets ?? new Map<string, string>();
  const mask = createSecretMask(secrets);
  // Made before the call and the new recording: a throw after them would leave both open. Its
  // reads start with the first step, where a failure cancels the call and closes the recording.
  const steps = new ClientSteps(
    recording,
    (message) => codecs.request.encode(message),
    opts.speed !== 'max',
    secrets,
  );
  const writer = createRecordingWriter({
    path: opts.out,
    header: {
      ...rest,
      target: mask ? mask.text(opts.target) : opts.target,
      startedAt: Date.now(),
      metadata: mask ? mask.metadata(metadata) : metadata,
      ...(secrets.size > 0 ? { secrets: [...secrets.keys()] } : {}),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      replayOf: opts.recording,
    },
  });

  const t0 = performance.now();
  /** Ends a recorded pause early once the call has ended (cancelled): set by sendSteps. */
  const pause = { wake: (): void => {} };
  let received = 0;
  let ended = false;
  const transport = replayTransport(opts, codecs, header);
  const session = startCall({
    client: opts.client,
    ...(transport ? { transport } : {}),
    path: header.method,
    kind: header.kind,
    target: opts.target,
    requestCodec: codecs.request,
    responseCodec: codecs.response,
    metadata,
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    decodeStatusDetails: (bin) => codecs.statusDetails(bin),
    keepLog: false,
    ...(mask ? { mask } : {}),
    onEvent: (event, raw) => {
      if (event.type === 'received') received++;
      else if (event.type === 'ended') {
        ended = true;
        pause.wake();
      }
      writer.write(event, raw);
    },
  });

  const interrupt = (): void => session.cancel('replay interrupted');
  if (opts.signal?.aborted) interrupt();
  opts.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    let sent: number;
    try {
      sent = await sendSteps(session, steps, writer, opts.speed, () => ended, pause);
    } catch (error) {
      // A line of the recording cannot be replayed: stop the call rather than leave it (and the
      // new recording) open, and say why in the new recording too.
      session.cancel(`replay stopped: ${(error as Error).message}`);
      await writer.close();
      throw error;
    } finally {
      await steps.close();
    }
    const status = await session.done;
    await writer.close();
    return { out: opts.out, status, sent, received, durationMs: performance.now() - t0 };
  } finally {
    // However the replay ends (closing the reader may fail too): the signal is the caller's, one
    // for all its replays (the engine's), and must not keep this one's call and recording.
    opts.signal?.removeEventListener('abort', interrupt);
  }
}

/**
 * Sends the steps in order, the next one from the previous write's callback (as a Writable
 * does): no promise or object per message but the message's bytes, so max speed is close to what
 * grpc-js itself can send. Resolves with the number of messages sent.
 */
function sendSteps(
  session: CallSession,
  steps: ClientSteps,
  writer: RecordingWriter,
  speed: ReplaySpeed,
  ended: () => boolean,
  pause: { wake: () => void },
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let sent = 0;
    let paused: ReturnType<typeof setTimeout> | undefined;
    // A call that ended during a recorded pause (cancelled) is not waited out.
    pause.wake = () => {
      if (paused === undefined) return;
      clearTimeout(paused);
      paused = undefined;
      pump();
    };
    let current = false; // steps holds a step not carried out yet (waiting for its time)
    const done = (): void => resolve(sent);
    // The line of the step being sent is copied with the numbers the session gives it.
    const send: RawSend = {
      log: (seq, t) =>
        writer.writeWithSeqAndTime(steps.head, steps.headStart, steps.headEnd, seq, t),
      written: () => pump(),
    };
    const endOfRecording = (more: boolean): void => {
      if (more) return pump();
      // A recording cut short (crash, still being written) never half-closed; end the client
      // side anyway so the server can finish instead of the replay hanging.
      if (!ended()) closeSending(session);
      done();
    };
    const pump = (): void => {
      try {
        for (;;) {
          if (ended()) return done();
          if (!current) {
            if (!steps.step()) return void steps.more().then(endOfRecording, reject);
            current = true;
          }
          if (speed !== 'max') {
            // On the session's clock, the one the new recording's `t` are measured on; never
            // early (a gap shorter than recorded is not a replay of it), in timer-sized steps:
            // pump looks at the clock again when the timer fires.
            const due = steps.t / speed - session.elapsedMs();
            if (due > 0) {
              paused = setTimeout(() => {
                paused = undefined;
                pump();
              }, timerDelay(due));
              return;
            }
          }
          current = false;
          if (steps.kind === 'send') {
            sent++;
            session.sendRaw(steps.bytes, send);
            return;
          }
          // The recorded call was cancelled (by the user, most likely): cancel at the same point.
          if (steps.kind === 'half_close') session.halfClose();
          else session.cancel();
        }
      } catch (error) {
        reject(error as Error);
      }
    };
    // A call that ends while a write is in flight need not wait for that write's callback.
    void session.done.then(done);
    pump();
  });
}

/** Half-closes; a unary or server-stream recording cut before its request cannot be, so it is cancelled. */
function closeSending(session: CallSession): void {
  try {
    session.halfClose();
  } catch (error) {
    session.cancel(`replay stopped: ${(error as Error).message}`);
  }
}

/** The gRPC-Web or Connect transport a replay goes over; undefined for gRPC (the channel). */
function replayTransport(
  opts: ReplayOptions,
  codecs: RecordingCodecs,
  header: RecordingHeader,
): CallTransport | undefined {
  if (!opts.protocol) return undefined;
  const method = findMethod(codecs.schema.model, header.method);
  if (!method)
    throw new RecordingError(
      `the header's schema has no method ${header.method}`,
      opts.recording,
      1,
    );
  return callTransportFor(
    codecs.schema.registry,
    method,
    opts.protocol.config,
    opts.protocol.protocol,
    false,
  );
}
