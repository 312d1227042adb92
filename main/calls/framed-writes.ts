// Many messages in one socket write. grpc-js takes one message at a time on a call: each is
// framed (the 5-byte gRPC prefix), handed down alone, and written to the socket alone once the
// one before it is written, so a client stream of 100,000 small messages made 100,000 writev
// calls (grpc-go makes ~6,000: it buffers frames and writes when nothing more is ready).
//
// The length-prefixed messages of a gRPC stream are one byte stream, however it is cut into
// writes. So the session frames the messages that are waiting itself, as grpc-js's compression
// filter would without compression, and hands them as one buffer to the layer below that filter
// (the retrying call, which buffers for retries and passes bytes on unchanged). It does so only
// when that filter is the call's only one, sends uncompressed and the layout below is as
// expected (grpc-js 1.14); otherwise every message takes grpc-js's own path, as before.
import type * as grpc from '@grpc/grpc-js';

type ChannelCall = ReturnType<grpc.ChannelInterface['createCall']>;

interface MessageContext {
  callback?: (error?: Error | null) => void;
}

/** The layer below the filters: takes framed bytes. */
interface FramedSink {
  sendMessageWithContext(context: MessageContext, framed: Buffer): void;
}

/** What the checks read of grpc-js's resolving call (the call Channel.createCall returns). */
interface ResolvingCallInside {
  child?: unknown;
  filterStack?: { filters?: unknown };
  writeFilterPending?: unknown;
}

interface CompressionFilterInside {
  /** 'identity' exactly while its send handler is grpc-js's IdentityHandler (set together). */
  currentCompressionAlgorithm?: unknown;
  maxSendMessageLength?: unknown;
}

/** The gRPC prefix: 1 byte compressed flag (0), 4 bytes big-endian length. */
export const FRAME_PREFIX = 5;

/**
 * Where framed messages can go past grpc-js's filters right now, and the largest message it may
 * take (grpc-js's limit; a larger one takes grpc-js's path, which refuses it as grpc-js does);
 * undefined when this call cannot take them (not resolved yet, compression, other filters, a
 * grpc-js whose layout differs).
 */
export function framedSinkOf(
  call: ChannelCall,
): { sink: FramedSink; maxMessage: number } | undefined {
  const inside = call as unknown as ResolvingCallInside;
  const child = inside.child as Partial<FramedSink> | undefined;
  if (!child || typeof child.sendMessageWithContext !== 'function') return undefined;
  // A message still in the filters would come after this one (its pendingMessage, once the call
  // had resolved, was sent then and is only never cleared).
  if (inside.writeFilterPending !== false) return undefined;
  const filters = inside.filterStack?.filters;
  if (!Array.isArray(filters) || filters.length !== 1) return undefined;
  const compression = filters[0] as CompressionFilterInside;
  // Told by grpc-js's own field, not the handler's class name: gwb's bundle shortens the
  // packages' names, and a name check then quietly sent every message on its own.
  if (compression.currentCompressionAlgorithm !== 'identity') return undefined;
  const limit = compression.maxSendMessageLength;
  if (typeof limit !== 'number') return undefined;
  return { sink: child as FramedSink, maxMessage: limit === -1 ? Infinity : limit };
}

/** The messages as one gRPC byte stream, each with its uncompressed prefix. */
export function frameAll(messages: readonly Buffer[], bytes: number): Buffer {
  const out = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const message of messages) {
    out[at] = 0;
    out.writeUInt32BE(message.length, at + 1);
    message.copy(out, at + FRAME_PREFIX);
    at += FRAME_PREFIX + message.length;
  }
  return out;
}
