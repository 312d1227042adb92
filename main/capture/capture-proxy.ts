import http2 from 'node:http2';
import net, { type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ChannelConfig } from '../channels/channel-types.js';
import type { CallRecord, CallSummary, CaptureSchema } from './call-record.js';
import { forwardCall } from './forward-call.js';
import type { ObserverContext } from './passive/observed-calls.js';
import {
  passThrough,
  type ConnectionObserver,
  type PassedConnection,
  type PassThroughContext,
} from './passive/pass-through.js';
import { recordingCalls, type LiveCall } from './recording-calls.js';
import { TargetSessions, openTargetSocket, targetEndpoint } from './target-session.js';
import { CaptureThread } from './thread/capture-thread.js';

export type { LiveCall } from './recording-calls.js';

/** A message longer than this is forwarded whole but not kept in the recording (grpc's default max). */
export const DEFAULT_MAX_OBSERVED_BYTES = 4 * 1024 * 1024;

export interface CaptureProxyOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The target, from the one connection → channel function (toChannelConfig). */
  target: ChannelConfig;
  /** Serve TLS with this certificate and key (PEM); plaintext h2c without. */
  tls?: { cert: string; key: string };
  /** Where each call's recording goes; no recordings without. */
  recordDir?: string;
  /**
   * Short calls' recordings go whole into files of several recordings (`*.recordings`, read as
   * `FILE#N`) instead of a file per call: gwb proxy's way. Off: a file per call (the workbench's
   * Capture panel, which follows each call by its file from its start).
   */
  packRecordings?: boolean;
  schema?: CaptureSchema;
  maxObservedBytes?: number;
  /** Each call once it is over and its recording closed (or failed: `recordingError`). */
  onCall?: (summary: CallSummary) => void;
  /** Each call as it starts: its messages so far are read from `counts` until onCall. */
  onCallStarted?: (call: LiveCall) => void;
  /** A recording that could not be written (the call itself went on). */
  onError?: (error: Error) => void;
  /** The capture thread's ring (CAPTURE_RING_BYTES; tests make it small). */
  captureRingBytes?: number;
  /**
   * Where passed-through connections are read: true (the default) on the capture thread, where its
   * program is found; false on the event loop (tests of that path, bench:proxy's comparison).
   * Two cores are no reason to leave the thread out: bench:proxy ran both paths in the same runs
   * on a 2-core machine and the thread was faster in 32 of 39 measures (13 runs, load 4.7–17),
   * one call at a time in 12 of 13, though it takes as much CPU a call or more (README).
   */
  captureThread?: boolean;
}

/**
 * Where the proxy reads what it records: passed-through connections on the capture thread, or on
 * the event loop (its program not found, it died, or captureThread: false); calls ended in the
 * proxy (TLS, -authority) always on the event loop.
 */
export type CapturePath = 'thread' | 'event loop' | 'terminating';

export interface CaptureProxy {
  port: number;
  /** Where new connections' calls are read now (it turns 'event loop' if the thread dies). */
  readonly capturePath: CapturePath;
  /** Stops accepting calls, ends open ones, and closes every recording (flushed). */
  close(): Promise<void>;
}

/**
 * Whether the proxy passes the connection's bytes through (and reads a copy) rather than ending
 * HTTP/2 on both sides: for a plaintext listener and a plaintext target. A pass-through cannot
 * read TLS nor encrypt again, so a listener with a certificate or a TLS target keeps the
 * terminating path (forward-call.ts); so does -authority, which rewrites each request's :authority
 * (a pass-through passes the client's unchanged).
 */
export function passesThrough(opts: Pick<CaptureProxyOptions, 'tls' | 'target'>): boolean {
  return (
    opts.tls === undefined &&
    opts.target.security.kind === 'plaintext' &&
    opts.target.authority === undefined
  );
}

/**
 * A gRPC proxy that records: every call from any client goes to the target byte for byte (no
 * schema is needed to forward), and each becomes a recording in recordDir. Plaintext to plaintext,
 * each client connection's bytes pass untouched to a target connection of its own and a copy is
 * read (passive/): the fastest a proxy can be, and the peers see exactly what a direct connection
 * gives. The copy is read, and the calls recorded, on the capture thread (thread/): the event loop
 * only pipes bytes and copies each chunk into a ring, so recording adds little to the time a call
 * takes through the proxy. With TLS on either side, HTTP/2 ends in the proxy on both
 * sides (forward-call.ts), on the event loop.
 */
export async function startCaptureProxy(opts: CaptureProxyOptions): Promise<CaptureProxy> {
  const maxObservedBytes = opts.maxObservedBytes ?? DEFAULT_MAX_OBSERVED_BYTES;
  const shownTarget = opts.target.shownTarget ?? opts.target.target;
  // One numbering of the recordings' files, shared with the capture thread.
  const counter = new SharedArrayBuffer(4);
  const count = new Int32Array(counter);
  const onError = (error: Error): void => opts.onError?.(error);
  const recording = {
    target: shownTarget,
    recordDir: opts.recordDir,
    packRecordings: opts.packRecordings ?? false,
    schema: opts.schema,
    maxObservedBytes,
  };
  const ctx = recordingCalls({
    ...recording,
    nextCall: () => Atomics.add(count, 0, 1) + 1,
    started: (call) => opts.onCallStarted?.(call),
    ended: (summary) => opts.onCall?.(summary),
    onError,
  });
  const passes = passesThrough(opts);
  // Passed-through connections are read, and their calls recorded, off the event loop.
  const thread =
    passes && opts.captureThread !== false
      ? CaptureThread.start({
          ...recording,
          counter,
          ...(opts.captureRingBytes ? { ringBytes: opts.captureRingBytes } : {}),
          ...(opts.onCallStarted ? { onCallStarted: opts.onCallStarted } : {}),
          ...(opts.onCall ? { onCall: opts.onCall } : {}),
          onError,
        })
      : undefined;
  const serving = passes
    ? servePassThrough(
        {
          ...ctx,
          // A thread that has died reads no more: new connections are read on the event loop.
          observe: () => (thread?.running ? thread.observe() : undefined),
        },
        () => openTargetSocket(opts.target),
        () => serveTerminating(opts, ctx),
      )
    : serveTerminating(opts, ctx);
  const { server } = serving;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  // `thread` is not part of CaptureProxy: tests stop it as a crash would.
  const proxy: CaptureProxy & { thread: CaptureThread | undefined } = {
    port: (server.address() as AddressInfo).port,
    get capturePath(): CapturePath {
      if (!passes) return 'terminating';
      return thread?.running ? 'thread' : 'event loop';
    },
    thread,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Calls still open end as the client would see a server going away.
      await serving.endConnections();
      await thread?.close();
      await ctx.settled();
      await closed;
    },
  };
  return proxy;
}

interface Serving {
  server: net.Server;
  /** Ends every connection (and so every open call). */
  endConnections(): Promise<void>;
}

/**
 * Plaintext to plaintext: each connection passed through, its calls read from a copy. A client
 * connection whose target cannot be reached goes to the terminating path (made when first
 * needed), which answers its calls itself and records them.
 */
function servePassThrough(
  observing: ObserverContext & { observe: () => ConnectionObserver | undefined },
  openTarget: () => Duplex,
  terminating: () => Serving,
): Serving {
  const connections = new Set<PassedConnection>();
  let fallback: Serving | undefined;
  const ctx: PassThroughContext = {
    ...observing,
    openTarget,
    unreachable: (client) => (fallback ??= terminating()).server.emit('connection', client),
  };
  // Half-open: each side's FIN passes on as it would on a direct connection (the response may
  // still come after the client has sent all it will), not an end of both directions at once.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const connection = passThrough(client, ctx);
    connections.add(connection);
    void connection.done.then(() => connections.delete(connection));
  });
  return {
    server,
    async endConnections() {
      const all = [...connections];
      for (const connection of all) connection.destroy();
      await Promise.all([...all.map((c) => c.done), fallback?.endConnections()]);
    },
  };
}

/** TLS on either side: HTTP/2 ends here on both sides, each call forwarded stream by stream. */
function serveTerminating(opts: CaptureProxyOptions, ctx: ObserverContext): Serving {
  const sessions = new TargetSessions(targetEndpoint(opts.target));
  const forward = {
    ...ctx,
    sessions,
    scheme: opts.target.security.kind === 'tls' ? ('https' as const) : ('http' as const),
  };
  const server = opts.tls
    ? http2.createSecureServer({ cert: opts.tls.cert, key: opts.tls.key, allowHTTP1: false })
    : http2.createServer();
  // Each message is its own small write: Nagle's algorithm would hold it for the peer's ACK.
  server.on(opts.tls ? 'secureConnection' : 'connection', (socket: Socket) =>
    socket.setNoDelay(true),
  );
  const clientSessions = new Set<http2.ServerHttp2Session>();
  /** Each open stream's close, after which its call is settled. */
  const streams = new Set<Promise<void>>();
  server.on('session', (session) => {
    clientSessions.add(session);
    session.on('close', () => clientSessions.delete(session));
    session.on('error', () => {
      // A client that goes away mid-call: its streams close and their calls record it.
    });
  });
  server.on('stream', (stream, headers) => {
    let record: CallRecord;
    try {
      record = forwardCall(forward, stream, headers);
    } catch (error) {
      ctx.onError(error as Error);
      stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    const closed = new Promise<void>((resolve) => stream.on('close', resolve)).then(() => {
      ctx.settle(record);
      streams.delete(closed);
    });
    streams.add(closed);
  });
  return {
    server,
    async endConnections() {
      for (const session of clientSessions) session.destroy();
      sessions.close();
      await Promise.all([...streams]);
    },
  };
}
