import * as grpc from '@grpc/grpc-js';
import { performance } from 'node:perf_hooks';
import type { CallStatus, MetadataEntry } from '../../../shared/calls/events.js';
import type { RecordingEvent } from '../../../shared/recording/index.js';
import { timerDelay } from '../../../shared/recording/speed.js';
import { makeStatus } from '../../calls/index.js';
import { EventCursor } from '../reader/index.js';
import type { MockEntry } from './mock-catalog.js';
import { recordedMetadata, statusTrailers } from './server-metadata.js';

/** What playing a recording needs from a grpc-js server call of any kind. */
export interface ServerCallSink {
  sendHeaders(md: grpc.Metadata): void;
  /** Sends one response; resolves when more may be written (flow control). */
  write(bytes: Buffer): Promise<void>;
  finish(status: CallStatus, trailers: grpc.Metadata): void;
  /** True once the client cancelled or the call went away. */
  isCancelled(): boolean;
  /** Resolves when the client has sent everything (at once for unary and server-stream calls). */
  clientDone: Promise<void>;
}

export type MockSpeed = number | 'max';

const serverSide = (e: RecordingEvent): boolean => e.dir === 'server' || e.type === 'status';

/** One step of a wait (timerDelay: no longer than a timer holds); unref'd, the server keeps us alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, timerDelay(ms)).unref());
}

/**
 * Plays the server side of a recording into a call: headers, messages and the final status with
 * trailers, each at its recorded time from the call's start (scaled by speed); what is already
 * due when the recording is chosen goes at once. The file is streamed per call, so a long
 * recording costs no memory while it is served. The status waits for the client to finish sending,
 * as a real server's would.
 */
export async function playServerSide(
  entry: MockEntry,
  sink: ServerCallSink,
  speed: MockSpeed,
  /** When the call started: a recording chosen later in the call still keeps its timing from there. */
  start: number = performance.now(),
): Promise<void> {
  const cursor = new EventCursor(entry.span, serverSide);
  let headersSent = false;
  let trailers: MetadataEntry[] | undefined;
  let status: CallStatus | undefined;
  try {
    for (let item = await cursor.next(); item; item = await cursor.next()) {
      if (sink.isCancelled()) return;
      const event = item.event;
      if (speed !== 'max') {
        // A long wait goes in timer-sized steps, each followed by a look at the clock.
        for (;;) {
          const wait = event.t / speed - (performance.now() - start);
          if (!(wait > 1)) break;
          await sleep(wait);
          if (sink.isCancelled()) return;
        }
      }
      if (event.type === 'headers') {
        sink.sendHeaders(recordedMetadata(event.metadata));
        headersSent = true;
      } else if (event.type === 'received') {
        const bytes =
          event.raw !== undefined
            ? Buffer.from(event.raw, 'base64')
            : Buffer.from(entry.codecs.response.encode(event.message));
        await sink.write(bytes);
      } else if (event.type === 'trailers') trailers = event.metadata;
      else if (event.type === 'status') status = event.status;
    }
  } finally {
    await cursor.close();
  }
  void headersSent;
  await sink.clientDone;
  if (sink.isCancelled()) return;
  sink.finish(
    status ??
      makeStatus(
        grpc.status.DATA_LOSS,
        `mock: the recording ${entry.file} ends before the call's status (it was cut short)`,
        [],
      ),
    statusTrailers(trailers, status ?? makeStatus(grpc.status.DATA_LOSS, '', [])),
  );
}
