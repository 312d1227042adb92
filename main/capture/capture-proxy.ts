import http2 from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import type { ChannelConfig } from '../channels/channel-types.js';
import {
  CallRecord,
  recordingFileName,
  type CallSummary,
  type CaptureSchema,
} from './call-record.js';
import { forwardCall } from './forward-call.js';
import { TargetSessions, targetEndpoint } from './target-session.js';
import { deadlineMsOf, requestMetadataOf } from './wire-metadata.js';

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
  schema?: CaptureSchema;
  maxObservedBytes?: number;
  /** Each call once it is over and its recording closed (or failed: `recordingError`). */
  onCall?: (summary: CallSummary) => void;
  /** Each call as it starts: its messages so far are read from `counts` until onCall. */
  onCallStarted?: (call: LiveCall) => void;
  /** A recording that could not be written (the call itself went on). */
  onError?: (error: Error) => void;
}

/** A call in progress, as the workbench's Capture panel follows it. */
export interface LiveCall {
  method: string;
  file: string | undefined;
  counts: { readonly sent: number; readonly received: number };
}

export interface CaptureProxy {
  port: number;
  /** Stops accepting calls, ends open ones, and closes every recording (flushed). */
  close(): Promise<void>;
}

/**
 * A gRPC proxy that records: every call from any client goes to the target byte for byte (no
 * schema is needed to forward), and each becomes a recording in recordDir.
 */
export async function startCaptureProxy(opts: CaptureProxyOptions): Promise<CaptureProxy> {
  const sessions = new TargetSessions(targetEndpoint(opts.target));
  const maxObservedBytes = opts.maxObservedBytes ?? DEFAULT_MAX_OBSERVED_BYTES;
  const shownTarget = opts.target.shownTarget ?? opts.target.target;
  const open = new Set<Promise<void>>();
  let calls = 0;

  const newRecord = (method: string, headers: http2.IncomingHttpHeaders): CallRecord => {
    const file =
      opts.recordDir === undefined ? undefined : recordingFileName(opts.recordDir, method, ++calls);
    const record = new CallRecord({
      method,
      target: shownTarget,
      metadata: () => requestMetadataOf(headers),
      deadlineMs: deadlineMsOf(headers),
      file,
      schema: opts.schema,
      maxObservedBytes,
    });
    opts.onCallStarted?.({ method, file, counts: record });
    return record;
  };

  const ctx = {
    sessions,
    target: shownTarget,
    scheme: opts.target.security.kind === 'tls' ? ('https' as const) : ('http' as const),
    maxObservedBytes,
    newRecord,
  };

  const server = opts.tls
    ? http2.createSecureServer({ cert: opts.tls.cert, key: opts.tls.key, allowHTTP1: false })
    : http2.createServer();
  // Each message is its own small write: Nagle's algorithm would hold it for the peer's ACK.
  server.on(opts.tls ? 'secureConnection' : 'connection', (socket: Socket) =>
    socket.setNoDelay(true),
  );
  const clientSessions = new Set<http2.ServerHttp2Session>();
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
      record = forwardCall(ctx, stream, headers);
    } catch (error) {
      opts.onError?.(error as Error);
      stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    const done = new Promise<void>((resolve) => {
      stream.on('close', resolve);
    })
      .then(() => record.close())
      .then((summary) => {
        if (summary.recordingError !== undefined) opts.onError?.(new Error(summary.recordingError));
        opts.onCall?.(summary);
      })
      .finally(() => open.delete(done));
    open.add(done);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Calls still open end as the client would see a server going away.
      for (const session of clientSessions) session.destroy();
      sessions.close();
      await Promise.all([...open]);
      await closed;
    },
  };
}
