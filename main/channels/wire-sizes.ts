// The size a message had on the wire when it was compressed. grpc-js decompresses received
// messages in its CompressionFilter and strips `grpc-encoding` from the headers before a call sees
// either, and offers no hook (1.14), so the filter's prototype is wrapped here, once, to record —
// never change — what it was given: the response's encoding and, per received message, whether
// its frame was compressed and how long it was. A call finds its own records through its
// metadata's options object, which grpc-js hands on unchanged through every clone of the metadata
// down to the filter (Metadata.clone() passes `this.options`). Like main/calls/raw-status-capture.ts,
// it only records; tests fail if grpc-js moves these internals (compression.test.ts here, and
// test/python/compression.test.ts for received messages).
//
// Sent messages are compressed by grpc-js after the call has logged them; their wire size is
// computed here with the same zlib call grpc-js makes (default options), so it is exact while the
// server accepts the encoding (grpc-js falls back to identity if the server says it does not).
import { deflateSync, gzipSync } from 'node:zlib';
import type * as grpc from '@grpc/grpc-js';
import { CompressionFilter } from '@grpc/grpc-js/build/src/compression-filter.js';

export interface WireSize {
  /** Bytes of the compressed message on the wire (without gRPC's 5-byte frame header). */
  wireSize: number;
  /** The grpc-encoding it was compressed with. */
  encoding: string;
}

/** What one call's filter recorded. */
export interface WireTracker {
  /** The response's grpc-encoding; undefined until headers arrive, or when none was sent. */
  encoding: string | undefined;
  /** Received messages the filter saw. */
  seen: number;
  /** Compressed ones among them: their number (1-based) and wire size. */
  compressed: { n: number; wireSize: number }[];
}

const trackers = new WeakMap<object, WireTracker>();
const TRACKER = Symbol('gwb.wireTracker');
let installed = false;

type Tracked = CompressionFilter & { [TRACKER]?: WireTracker };

function install(): void {
  if (installed) return;
  installed = true;
  const proto = CompressionFilter.prototype as Tracked;
  const sendMetadata = proto.sendMetadata;
  const receiveMetadata = proto.receiveMetadata;
  const receiveMessage = proto.receiveMessage;
  // Plain functions chaining one `then` onto what grpc-js hands on (a promise, or at times the
  // value itself: Promise.resolve gives a promise back as it is), not async wrappers: an async
  // function, its await and a Promise.resolve cost each call and each message two promises and a
  // turn of the microtask queue more, for no difference in what grpc-js is given.
  proto.sendMetadata = function (this: Tracked, metadata: Promise<grpc.Metadata>) {
    return sendMetadata.call(
      this,
      Promise.resolve(metadata).then((headers) => {
        const tracker = trackers.get(headers.getOptions());
        if (tracker) this[TRACKER] = tracker;
        return headers;
      }),
    );
  };
  proto.receiveMetadata = function (this: Tracked, metadata: grpc.Metadata) {
    const tracker = this[TRACKER];
    if (tracker) {
      const encoding = metadata.get('grpc-encoding')[0];
      if (typeof encoding === 'string' && encoding !== 'identity') tracker.encoding = encoding;
    }
    return receiveMetadata.call(this, metadata);
  };
  proto.receiveMessage = function (this: Tracked, message: Promise<Buffer>) {
    // Known by now: a message comes after the call's headers went out, so after sendMetadata.
    const tracker = this[TRACKER];
    if (tracker === undefined) return receiveMessage.call(this, message);
    return receiveMessage.call(
      this,
      Promise.resolve(message).then((framed) => {
        tracker.seen++;
        // gRPC's frame: 1 byte compressed flag, 4 bytes length, then the (compressed) message.
        if (framed[0] === 1)
          tracker.compressed.push({ n: tracker.seen, wireSize: framed.length - 5 });
        return framed;
      }),
    );
  };
}

/** Starts recording wire sizes for the call that will be started with this metadata. */
export function trackWireSizes(metadata: grpc.Metadata): WireTracker {
  install();
  const options = { ...metadata.getOptions() };
  metadata.setOptions(options);
  const tracker: WireTracker = { encoding: undefined, seen: 0, compressed: [] };
  trackers.set(options, tracker);
  return tracker;
}

/** The wire size of the call's n-th received message (1-based), when it came compressed. */
export function receivedWireSize(tracker: WireTracker, n: number): WireSize | undefined {
  const head = tracker.compressed[0];
  if (head === undefined || head.n !== n) return undefined;
  tracker.compressed.shift();
  return { wireSize: head.wireSize, encoding: tracker.encoding ?? 'unknown' };
}

/** The wire size of a sent message under the channel's compression. */
export function sentWireSize(bytes: Uint8Array, compression: 'gzip' | 'deflate'): WireSize {
  const compressed = compression === 'gzip' ? gzipSync(bytes) : deflateSync(bytes);
  return { wireSize: compressed.length, encoding: compression };
}
