// Request compression for gRPC-Web and Connect that compresses each sent message once. The call
// session logs a sent message with its wire size before the transport sends it; rather than
// compress it then and again when connect-es sends it, the session's measure() compresses what
// will really go on the wire (the message's JSON for Connect's JSON codec, its bytes otherwise)
// and connect-es's compress() takes that result when it is handed the same bytes. Anything else
// (bytes never measured) is compressed as connect-node would.
import type { Compression } from '@connectrpc/connect/protocol';
import { compressionGzip } from '@connectrpc/connect-node';
import { gzipSync } from 'node:zlib';
import type { WireSize } from '../channels/wire-sizes.js';

/** Measured messages waiting for connect-es; a bound, not a cache (they are taken in order). */
const MAX_WAITING = 256;

export class SentCompression implements Compression {
  readonly name = 'gzip';
  private readonly waiting: { wire: Buffer; compressed: Buffer }[] = [];
  /** How many messages were compressed by connect-es's own path (tests: none when measured). */
  compressedAgain = 0;

  /** `wireBytes`: what the transport sends for the engine's encoded message. */
  constructor(private readonly wireBytes: (message: Uint8Array) => Uint8Array) {}

  /** Compresses the message as it will be sent, once: its wire size for the sent event. */
  measure(message: Uint8Array): WireSize {
    const wire = Buffer.from(this.wireBytes(message));
    const compressed = gzipSync(wire);
    this.waiting.push({ wire, compressed });
    if (this.waiting.length > MAX_WAITING) this.waiting.shift();
    return { wireSize: compressed.length, encoding: 'gzip' };
  }

  readonly compress = async (bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> => {
    const at = this.waiting.findIndex((w) => w.wire.equals(bytes));
    if (at >= 0) {
      // Earlier ones were never sent (a cancelled call): dropped with it.
      const taken = this.waiting.splice(0, at + 1);
      const { compressed } = taken[taken.length - 1] as { compressed: Buffer };
      return new Uint8Array(
        compressed.buffer as ArrayBuffer,
        compressed.byteOffset,
        compressed.byteLength,
      );
    }
    this.compressedAgain++;
    return compressionGzip.compress(bytes);
  };

  readonly decompress = compressionGzip.decompress;
}
