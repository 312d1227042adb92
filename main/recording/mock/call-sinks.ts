import * as grpc from '@grpc/grpc-js';
import type { CallStatus } from '../../../shared/calls/events.js';
import type { ServerCallSink } from './play-server-side.js';

type ReadableCall =
  grpc.ServerReadableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>;

/**
 * Reads a client stream to its end, handing each message to onMessage; resolves at the half-close,
 * or when the call fails or is cancelled (so nothing waits on a client that went away).
 */
export function readRequests(
  call: ReadableCall,
  onMessage: (bytes: Buffer) => void,
): Promise<void> {
  return new Promise<void>((resolve) => {
    call.on('data', onMessage);
    call.on('end', () => resolve());
    call.on('error', () => resolve());
    call.on('cancelled', () => resolve());
  });
}

function grpcError(status: CallStatus, trailers: grpc.Metadata): Partial<grpc.StatusObject> {
  return { code: status.code, details: status.message, metadata: trailers };
}

function cancelFlag(call: {
  on(event: 'cancelled', listener: () => void): unknown;
}): () => boolean {
  let cancelled = false;
  call.on('cancelled', () => (cancelled = true));
  return () => cancelled;
}

/** Unary and client-stream calls: the last recorded message is the one answer. */
export function unarySink(
  call: grpc.ServerUnaryCall<Buffer, Buffer> | grpc.ServerReadableStream<Buffer, Buffer>,
  callback: grpc.sendUnaryData<Buffer>,
  clientDone: Promise<void>,
): ServerCallSink {
  let response: Buffer | undefined;
  return {
    sendHeaders: (md) => call.sendMetadata(md),
    write: async (bytes) => void (response = bytes),
    finish: (status, trailers) => {
      if (status.code === grpc.status.OK) callback(null, response ?? Buffer.alloc(0), trailers);
      else callback(grpcError(status, trailers));
    },
    isCancelled: cancelFlag(call),
    clientDone,
  };
}

/** Server-stream and bidi calls: messages written with grpc-js flow control. */
export function streamSink(
  call: grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>,
  clientDone: Promise<void>,
): ServerCallSink {
  return {
    sendHeaders: (md) => call.sendMetadata(md),
    write: (bytes) =>
      new Promise<void>((resolve) => {
        if (call.write(bytes)) resolve();
        else call.once('drain', () => resolve());
      }),
    finish: (status, trailers) => {
      if (status.code === grpc.status.OK) call.end(trailers);
      else call.emit('error', grpcError(status, trailers));
    },
    isCancelled: cancelFlag(call),
    clientDone,
  };
}
