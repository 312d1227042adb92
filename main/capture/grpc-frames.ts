/** One gRPC length-prefixed message as the proxy saw it go by. */
export interface ObservedMessage {
  /** The compressed flag of the 5-byte prefix (1: compressed with the call's grpc-encoding). */
  compressed: boolean;
  /** The message's length as its prefix says. */
  length: number;
  /** The message's bytes, or undefined when it was longer than the observing bound. */
  bytes: Buffer | undefined;
}

const PREFIX_BYTES = 5;

/**
 * Reads gRPC's framing (1 flag byte, 4 length bytes, the message) out of DATA chunks as they are
 * forwarded, only to observe: the chunks themselves go on untouched. A message longer than
 * `maxBytes` is counted, not kept (its bytes are skipped as they pass), so what the proxy holds
 * per direction is bounded whatever the peers send.
 */
export class FrameObserver {
  private prefix = Buffer.alloc(PREFIX_BYTES);
  private prefixUsed = 0;
  private body: Buffer | undefined;
  private bodyUsed = 0;
  /** Bytes of the current message still to come (when reading a body). */
  private remaining = 0;
  /**
   * Whether a message's prefix has been read (its flag and length below): fields, not an object
   * per message, on a stream of many small ones.
   */
  private reading = false;
  private compressed = false;
  private length = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly onMessage: (message: ObservedMessage) => void,
  ) {}

  /** Bytes of a message that had started and not finished when the stream ended. */
  get pendingBytes(): number {
    return this.reading ? this.length - this.remaining : this.prefixUsed;
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (!this.reading) {
        // A prefix whole in the chunk (the usual case) is read there: copying 5 bytes aside cost
        // more than reading them (Buffer.copy makes a view to copy from).
        let prefix = chunk;
        let prefixAt = at;
        if (this.prefixUsed === 0 && chunk.length - at >= PREFIX_BYTES) at += PREFIX_BYTES;
        else {
          const take = Math.min(PREFIX_BYTES - this.prefixUsed, chunk.length - at);
          chunk.copy(this.prefix, this.prefixUsed, at, at + take);
          this.prefixUsed += take;
          at += take;
          if (this.prefixUsed < PREFIX_BYTES) return;
          this.prefixUsed = 0;
          prefix = this.prefix;
          prefixAt = 0;
        }
        const length = prefix.readUInt32BE(prefixAt + 1);
        this.reading = true;
        this.compressed = ((prefix[prefixAt] as number) & 1) !== 0;
        this.length = length;
        this.remaining = length;
        this.bodyUsed = 0;
        if (length <= this.maxBytes && chunk.length - at >= length) {
          // The whole message is in this chunk (the usual case): observed in place, no copy.
          // Observers use it before push() returns; the chunk itself goes on untouched.
          this.body = chunk.subarray(at, at + length);
          at += length;
          this.remaining = 0;
          this.finish();
          continue;
        }
        this.body = length <= this.maxBytes ? Buffer.allocUnsafe(length) : undefined;
        if (length === 0) this.finish();
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - at);
      if (this.body) chunk.copy(this.body, this.bodyUsed, at, at + take);
      this.bodyUsed += take;
      this.remaining -= take;
      at += take;
      if (this.remaining === 0) this.finish();
    }
  }

  private finish(): void {
    if (!this.reading) return;
    const bytes = this.body;
    this.reading = false;
    this.body = undefined;
    this.onMessage({ compressed: this.compressed, length: this.length, bytes });
  }
}
