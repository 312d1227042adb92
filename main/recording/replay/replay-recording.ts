import * as grpc from '@grpc/grpc-js';
import { performance } from 'node:perf_hooks';
import type { CallEvent, CallStatus, MetadataEntry } from '../../../shared/calls/events.js';
import { eventTime, makeStatus } from '../../calls/index.js';
import { fromGrpcMetadata, toGrpcMetadata } from '../../metadata/index.js';
import { readHeader } from '../reader/index.js';
import { ClientSteps } from './client-steps.js';
import { recordingCodecs } from '../recording-schema.js';
import { createRecordingWriter } from '../writer/recording-writer.js';

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
}

export interface ReplayResult {
  out: string;
  status: CallStatus;
  sent: number;
  received: number;
  durationMs: number;
}

type EventBody = CallEvent extends infer E
  ? E extends CallEvent
    ? Omit<E, 'seq' | 't'>
    : never
  : never;
type ChannelCall = ReturnType<grpc.ChannelInterface['createCall']>;

const WATCHDOG_GRACE_MS = 1000;

/**
 * Sends the client side of a recording again and records what the server answers. Works on the
 * channel-level call with the recorded bytes (no re-encoding), reads the source as a stream and
 * keeps no event log in memory, so a million-message recording replays in bounded memory. Each
 * message waits for the previous write to complete, which is grpc-js flow control.
 */
export async function replayRecording(opts: ReplayOptions): Promise<ReplayResult> {
  const header = await readHeader(opts.recording);
  const codecs = recordingCodecs(header, opts.recording);
  const metadataEntries = opts.metadata ?? header.metadata;
  const metadata = toGrpcMetadata(metadataEntries);
  const deadlineMs = opts.deadlineMs === null ? undefined : (opts.deadlineMs ?? header.deadlineMs);
  const { deadlineMs: _recordedDeadline, ...rest } = header;
  const writer = createRecordingWriter({
    path: opts.out,
    header: {
      ...rest,
      target: opts.target,
      startedAt: Date.now(),
      metadata: metadataEntries,
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
      replayOf: opts.recording,
    },
  });

  const t0 = performance.now();
  let seq = 0;
  let sent = 0;
  let received = 0;
  let ended = false;
  let finalStatus: CallStatus | undefined;
  let resolveDone!: (s: CallStatus) => void;
  const done = new Promise<CallStatus>((resolve) => (resolveDone = resolve));
  const push = (body: EventBody): void => {
    const event = body as CallEvent;
    event.seq = seq++;
    event.t = eventTime(t0);
    writer.write(event);
  };
  let watchdog: NodeJS.Timeout | undefined;
  const finish = (status: CallStatus): void => {
    if (ended) return;
    ended = true;
    if (watchdog) clearTimeout(watchdog);
    finalStatus = status;
    push({ type: 'status', status });
    push({ type: 'ended', durationMs: performance.now() - t0 });
    resolveDone(status);
  };

  push({
    type: 'started',
    at: Date.now(),
    method: header.method,
    kind: header.kind,
    target: opts.target,
    metadata: metadataEntries,
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  });
  if (deadlineMs !== undefined) {
    watchdog = setTimeout(() => {
      call?.cancelWithStatus(grpc.status.DEADLINE_EXCEEDED, 'Deadline exceeded');
      finish(
        makeStatus(
          grpc.status.DEADLINE_EXCEEDED,
          'Deadline exceeded: no status from the server after the deadline (replay watchdog)',
          [],
        ),
      );
    }, deadlineMs + WATCHDOG_GRACE_MS);
  }

  let call: ChannelCall | undefined;
  try {
    call = opts.client
      .getChannel()
      .createCall(
        header.method,
        deadlineMs !== undefined ? Date.now() + deadlineMs : Infinity,
        null,
        null,
        null,
      );
    const c = call;
    c.start(metadata, {
      onReceiveMetadata: (md) => {
        if (!ended) push({ type: 'headers', metadata: fromGrpcMetadata(md) });
      },
      onReceiveMessage: (buffer: Buffer) => {
        if (ended) return;
        received++;
        const event: EventBody = {
          type: 'received',
          message: null,
          size: buffer.length,
          raw: buffer.toString('base64'),
        };
        try {
          event.message = codecs.response.decode(buffer);
        } catch (error) {
          event.decodeError = (error as Error).message;
        }
        push(event);
        c.startRead();
      },
      onReceiveStatus: (status) => {
        if (ended) return;
        const entries = status.metadata ? fromGrpcMetadata(status.metadata) : [];
        if (entries.length > 0) push({ type: 'trailers', metadata: entries });
        const bin = status.metadata?.get('grpc-status-details-bin')[0];
        const details = bin instanceof Buffer ? codecs.statusDetails(bin) : [];
        finish(makeStatus(status.code, status.details ?? '', details));
      },
    });
    c.startRead();
  } catch (error) {
    finish(
      makeStatus(
        grpc.status.UNAVAILABLE,
        `could not start the call: ${(error as Error).message}`,
        [],
      ),
    );
  }

  /**
   * Sends the steps in order, the next one from the previous write's callback (as a Writable
   * does): no promise or object per message but the message's bytes, so max speed is close to what
   * grpc-js itself can send.
   */
  const pumpSteps = (active: ChannelCall, steps: ClientSteps): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let halfClosed = false;
      let current = false; // steps holds a step not carried out yet (waiting for its time)
      const endOfRecording = (more: boolean): void => {
        if (more) return pump();
        // A recording cut short (crash, still being written) never half-closed; end the client
        // side anyway so the server can finish instead of the replay hanging.
        if (!halfClosed && !ended) {
          halfClosed = true;
          push({ type: 'half_closed' });
          active.halfClose();
        }
        resolve();
      };
      const pump = (): void => {
        try {
          for (;;) {
            if (ended) return resolve();
            if (!current) {
              if (!steps.step()) return void steps.more().then(endOfRecording, reject);
              current = true;
            }
            if (opts.speed !== 'max') {
              const due = steps.t / opts.speed - (performance.now() - t0);
              if (due > 1) return void setTimeout(pump, due);
            }
            current = false;
            if (steps.kind === 'send') {
              writer.writeWithSeqAndTime(
                steps.head,
                steps.headStart,
                steps.headEnd,
                seq++,
                eventTime(t0),
              );
              sent++;
              active.sendMessageWithContext({ callback: pump }, steps.bytes);
              return;
            }
            if (steps.kind === 'half_close') {
              halfClosed = true;
              push({ type: 'half_closed' });
              active.halfClose();
            } else {
              // The recorded call was cancelled (by the user, most likely): cancel at the same point.
              active.cancelWithStatus(grpc.status.CANCELLED, 'Cancelled by the client');
              finish(makeStatus(grpc.status.CANCELLED, 'Cancelled by the client', []));
            }
          }
        } catch (error) {
          reject(error as Error);
        }
      };
      pump();
    });

  const steps = new ClientSteps(
    opts.recording,
    (message) => codecs.request.encode(message),
    opts.speed !== 'max',
  );
  try {
    if (call) await pumpSteps(call, steps);
  } catch (error) {
    // A line of the recording cannot be replayed: stop the call rather than leave it (and the new
    // recording) open, and say why in the new recording too.
    const message = `replay stopped: ${(error as Error).message}`;
    call?.cancelWithStatus(grpc.status.CANCELLED, message);
    finish(makeStatus(grpc.status.CANCELLED, message, []));
    await writer.close();
    throw error;
  } finally {
    await steps.close();
  }
  const status = await done;
  await writer.close();
  return {
    out: opts.out,
    status: finalStatus ?? status,
    sent,
    received,
    durationMs: performance.now() - t0,
  };
}
