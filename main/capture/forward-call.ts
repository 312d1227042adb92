import http2 from 'node:http2';
import type { ClientHttp2Stream, IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';
import { FrameObserver } from './grpc-frames.js';
import { CallRecord } from './call-record.js';
import { clientEndedCall, statusOfReset } from './call-ends.js';
import type { TargetSessions } from './target-session.js';
import { deadlineMsOf, grpcMessageOf, responseHeadersOf, trailersOf } from './wire-metadata.js';

const { NGHTTP2_CANCEL, NGHTTP2_NO_ERROR } = http2.constants;
const END_STREAM = http2.constants.NGHTTP2_FLAG_END_STREAM;

/** Connection-specific headers (RFC 9113 §8.2.2) and ones the proxy sets itself for the target. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'host',
  'http2-settings',
]);

export interface ForwardContext {
  sessions: TargetSessions;
  /** What the recordings name as the target. */
  target: string;
  scheme: 'http' | 'https';
  maxObservedBytes: number;
  newRecord(method: string, headers: IncomingHttpHeaders): CallRecord;
}

/** Headers of the client's request as the target gets them: the pseudo headers set anew. */
function upstreamHeaders(
  headers: IncomingHttpHeaders,
  ctx: ForwardContext,
): http2.OutgoingHttpHeaders {
  const out: http2.OutgoingHttpHeaders = {
    ':method': headers[':method'] ?? 'POST',
    ':path': headers[':path'] ?? '/',
    ':scheme': ctx.scheme,
    ':authority': ctx.sessions.authority,
  };
  for (const [key, value] of Object.entries(headers))
    if (!key.startsWith(':') && !NOT_FORWARDED.has(key) && value !== undefined) out[key] = value;
  return out;
}

/** Response headers or trailers as the client gets them: all but the pseudo headers (and :status). */
function downstreamHeaders(headers: IncomingHttpHeaders, keepStatus: boolean) {
  const out: http2.OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(headers)) {
    if (key.startsWith(':') && !(keepStatus && key === ':status')) continue;
    if (NOT_FORWARDED.has(key) || value === undefined) continue;
    out[key] = value;
  }
  return out;
}

/**
 * The terminating path, for TLS on either side (a listener with --tls-cert, a TLS target) or
 * -authority: a pass-through cannot read TLS nor encrypt again, so HTTP/2 ends in the proxy on
 * both sides. Plaintext to plaintext passes the bytes through instead (passive/).
 *
 * Forwards one call between a client's stream and a new stream to the target, byte for byte:
 * headers, each DATA chunk as it comes (piped, so a slow reader on either side holds the other
 * back through HTTP/2 flow control instead of piling up here), trailers, RST_STREAM codes both
 * ways. The gRPC framing is read beside the bytes only to record the messages.
 */
export function forwardCall(
  ctx: ForwardContext,
  client: ServerHttp2Stream,
  headers: IncomingHttpHeaders,
): CallRecord {
  const method = String(headers[':path'] ?? '');
  const record = ctx.newRecord(method, headers);
  record.setEncoding('client', headers['grpc-encoding']);
  const deadlineMs = deadlineMsOf(headers);
  const started = performance.now();
  let trailersForClient: http2.OutgoingHttpHeaders | undefined;
  let upstream: ClientHttp2Stream;

  /** Ends the client's call with a status of the proxy's own (the target cannot give one). */
  const answerClient = (code: number, message: string): void => {
    const trailers = { 'grpc-status': String(code), 'grpc-message': encodeURIComponent(message) };
    if (client.closed || client.destroyed) return;
    if (!client.headersSent) {
      client.respond(
        { ':status': 200, 'content-type': 'application/grpc', ...trailers },
        { endStream: true },
      );
      return;
    }
    trailersForClient = trailers;
    upstream?.unpipe(client);
    if (!client.writableEnded) client.end();
  };

  const targetGone = (what: string): void => {
    if (record.ended) return;
    const message = `gwb proxy: the target ${ctx.target} ${what}`;
    record.fault(14, message);
    answerClient(14, message);
  };

  try {
    upstream = ctx.sessions.current().request(upstreamHeaders(headers, ctx), { endStream: false });
  } catch (error) {
    // A session that just got GOAWAY refuses new streams: a new session takes the call.
    try {
      upstream = ctx.sessions.current().request(upstreamHeaders(headers, ctx), {
        endStream: false,
      });
    } catch {
      targetGone(`could not be reached: ${(error as Error).message}`);
      return record;
    }
  }
  const session = (upstream.session ?? undefined) as http2.ClientHttp2Session | undefined;
  /** Why the target cannot end the call itself: it sent GOAWAY before the call ended. */
  const goaway = (): string | undefined => {
    const code = ctx.sessions.goawayCode(session);
    return code === undefined ? undefined : `sent GOAWAY (code ${code}) before the call ended`;
  };

  // Client → target.
  const fromClient = new FrameObserver(ctx.maxObservedBytes, (m) => record.clientMessage(m));
  // Read once the chunk is on its way (see CallRecord): chunks are not reused once emitted.
  client.on('data', (chunk: Buffer) => record.later(() => fromClient.push(chunk)));
  client.on('end', () => {
    if (!record.ended) record.halfClosed();
  });
  client.pipe(upstream);
  client.on('error', () => {
    // The close that follows says what happened.
  });
  client.on('close', () => {
    if (!upstream.closed) upstream.close(client.rstCode || NGHTTP2_CANCEL);
    clientEndedCall(
      record,
      { started, deadlineMs },
      `the client cancelled the call (RST_STREAM code ${client.rstCode || NGHTTP2_CANCEL})`,
    );
  });

  // Target → client.
  const fromTarget = new FrameObserver(ctx.maxObservedBytes, (m) => record.serverMessage(m));
  upstream.on('response', (response: IncomingHttpHeaders, flags: number) => {
    if (client.closed || client.destroyed) return;
    if (flags & END_STREAM) {
      // Trailers-only: the status is in the headers.
      record.trailers(
        () => trailersOf(response),
        response['grpc-status'] as string | undefined,
        grpcMessageOf(response['grpc-message']),
      );
      client.respond(downstreamHeaders(response, true), { endStream: true });
      return;
    }
    record.setEncoding('server', response['grpc-encoding']);
    record.headers(() => responseHeadersOf(response));
    client.respond(downstreamHeaders(response, true), { waitForTrailers: true });
    upstream.on('data', (chunk: Buffer) => record.later(() => fromTarget.push(chunk)));
    upstream.pipe(client);
  });
  upstream.on('trailers', (trailers: IncomingHttpHeaders) => {
    record.trailers(
      () => trailersOf(trailers),
      trailers['grpc-status'] as string | undefined,
      grpcMessageOf(trailers['grpc-message']),
    );
    trailersForClient = downstreamHeaders(trailers, false);
  });
  /** The target reset its stream: so does the proxy, with the same code. */
  const forwardReset = (code: number): void => {
    record.fault(statusOfReset(code), `the target reset the stream (RST_STREAM code ${code})`);
    client.close(code);
  };
  const sendTrailers = (): void => {
    if (client.closed || client.destroyed) return;
    if (!trailersForClient) {
      const message = 'gwb proxy: the target ended the response without a status';
      record.fault(13, message);
      trailersForClient = { 'grpc-status': '13', 'grpc-message': encodeURIComponent(message) };
    }
    client.sendTrailers(trailersForClient);
  };
  client.on('wantTrailers', () => {
    // A reset also ends the target's side: its close says which, before any trailers go.
    if (trailersForClient || upstream.closed) sendTrailers();
    else upstream.once('close', sendTrailers);
  });
  let upstreamError: NodeJS.ErrnoException | undefined;
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    upstreamError = error; // 'close' follows and says what it was
  });
  upstream.on('close', () => {
    if (record.ended || client.closed) return;
    const code = upstream.rstCode ?? NGHTTP2_NO_ERROR;
    // A reset by the target is an ERR_HTTP2_STREAM_ERROR on a session that is still up; anything
    // else (connection refused, reset, closed, GOAWAY) is the target going away.
    const reset = upstreamError === undefined || upstreamError.code === 'ERR_HTTP2_STREAM_ERROR';
    const lost = goaway();
    if (lost || !reset) {
      targetGone(lost ?? `went away: ${upstreamError?.message ?? 'connection closed'}`);
      return;
    }
    if (code !== NGHTTP2_NO_ERROR) forwardReset(code);
  });
  return record;
}
