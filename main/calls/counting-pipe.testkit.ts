// A TCP pipe in front of a local server that counts the reads it makes from client sockets: each
// socket write of a client reaches it as at least one read, so few reads mean batched writes. It
// also reads the HTTP/2 frames the clients send (their headers only), so a test can say which
// frame ended a request's stream.
import net from 'node:net';

/** An HTTP/2 frame's header, as a client sent it. */
export interface ClientFrame {
  /** 0 DATA, 1 HEADERS, … (RFC 9113 §6). */
  type: number;
  flags: number;
  streamId: number;
  /** The payload's length. */
  length: number;
}

export const FRAME_DATA = 0;
export const FLAG_END_STREAM = 0x1;

export interface CountingPipe {
  /** host:port to dial instead of the server. */
  address: string;
  /** Reads made from client sockets so far (tests reset it between measures). */
  clientReads: number;
  /** Every frame the clients sent, in order (one connection at a time makes sense of it). */
  clientFrames: ClientFrame[];
  close(): void;
}

/** The client connection preface, before its first frame. */
const PREFACE_BYTES = 24;
const FRAME_HEADER_BYTES = 9;

/** Reads the frames of one client's byte stream as it comes, however it is cut. */
function frameReader(into: ClientFrame[]): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  let skip = PREFACE_BYTES;
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (skip > 0) {
        const skipped = Math.min(skip, pending.length);
        pending = pending.subarray(skipped);
        skip -= skipped;
        if (skip > 0) return;
      }
      if (pending.length < FRAME_HEADER_BYTES) return;
      const length = pending.readUIntBE(0, 3);
      into.push({
        type: pending[3] as number,
        flags: pending[4] as number,
        streamId: pending.readUInt32BE(5) & 0x7fffffff,
        length,
      });
      skip = FRAME_HEADER_BYTES + length;
    }
  };
}

export async function startCountingPipe(serverPort: number): Promise<CountingPipe> {
  const server = net.createServer((from) => {
    const to = net.connect(serverPort, '127.0.0.1');
    const readFrames = frameReader(pipe.clientFrames);
    from.on('data', (chunk: Buffer) => {
      pipe.clientReads++;
      readFrames(chunk);
      to.write(chunk);
    });
    to.pipe(from);
    from.on('close', () => to.destroy());
    to.on('close', () => from.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pipe: CountingPipe = {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    clientReads: 0,
    clientFrames: [],
    close: () => server.close(),
  };
  return pipe;
}
