// A connect-node server in front of a gRPC server: connectNodeAdapter answers gRPC, gRPC-Web and
// Connect for every method of the given services and hands each call, bytes as they came, to the
// gRPC server behind it (grpc-js's generic client), with its metadata, deadline and cancellation,
// and hands back headers, messages, trailers and the status with its details. The services keep
// their one implementation (the demo's handlers, the mock's recordings) whatever the protocol.
import * as grpc from '@grpc/grpc-js';
import type { DescMessage, DescMethod, MessageShape, Registry } from '@bufbuild/protobuf';
import { ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { reflectionTypes } from '../reflection/index.js';
import { headersOf, metadataOf, withoutProtocolHeaders } from './wire-metadata.js';
import { fromBinary, toBinary } from '@bufbuild/protobuf';

type Raw = MessageShape<DescMessage>;
const identity = (b: Buffer): Buffer => b;
const TYPE_URL_PREFIX = /^[^/]*\//;

export interface GatewayOptions {
  /** The gRPC server behind (plaintext `host:port`). */
  upstream: string;
  /** Where the services' descriptors are. */
  registry: Registry;
  services: readonly string[];
  /** HTTP/2 (h2c, the default) or HTTP/1.1. */
  httpVersion?: '1.1' | '2';
  host?: string;
  /** Serve TLS with this key and certificate (PEM) instead of plaintext. */
  tls?: { key: string; cert: string };
  /**
   * Tests only: a handler put in front of connect-node's, given the gateway's own URL (the text
   * front of gateway.testkit.ts). The mock's gateway has none.
   */
  front?: (handler: GatewayHandler, selfUrl: () => string) => GatewayHandler;
}

export type GatewayHandler = (
  req: http.IncomingMessage | http2.Http2ServerRequest,
  res: http.ServerResponse | http2.Http2ServerResponse,
) => void;

export interface Gateway {
  port: number;
  /** The HTTP server itself: tests watch its connections and requests. */
  server: http.Server | http2.Http2Server | http2.Http2SecureServer;
  close(): Promise<void>;
}

export async function startConnectGateway(opts: GatewayOptions): Promise<Gateway> {
  const client = new grpc.Client(opts.upstream, grpc.credentials.createInsecure());
  let port = 0;
  const adapter = connectNodeAdapter({
    routes: (router) => routeAll(router, client, opts.registry, opts.services),
  }) as GatewayHandler;
  const handler = opts.front
    ? opts.front(adapter, () => `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`)
    : adapter;
  const server = serverOf(opts, handler as ReturnType<typeof connectNodeAdapter>);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, opts.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket: import('node:net').Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        client.close();
        server.close(() => resolve());
        // Clients that keep their connection open (HTTP/2 sessions, keep-alive) do not hold it.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function serverOf(
  opts: GatewayOptions,
  handler: ReturnType<typeof connectNodeAdapter>,
): http.Server | http2.Http2Server | http2.Http2SecureServer {
  const { tls } = opts;
  if (opts.httpVersion === '1.1')
    return tls
      ? // node:https is loaded here, not with the module: gwb calls import this file (through the
        // mock) and need no https (app/cli/call-builtins.test.ts).
        process.getBuiltinModule('node:https').createServer(tls, handler)
      : http.createServer(handler);
  return tls ? http2.createSecureServer(tls, handler) : http2.createServer(handler);
}

function routeAll(
  router: ConnectRouter,
  client: grpc.Client,
  registry: Registry,
  services: readonly string[],
): void {
  for (const name of services) {
    const service = registry.getService(name);
    if (!service) throw new Error(`gateway: ${name} is not in the registry`);
    for (const method of service.methods) router.rpc(method, implOf(client, method) as never);
  }
  // Server reflection is forwarded too: a server without it answers UNIMPLEMENTED, as over gRPC.
  for (const version of ['v1', 'v1alpha'] as const) {
    const { method } = reflectionTypes(version);
    router.rpc(method, implOf(client, method) as never);
  }
}

function implOf(client: grpc.Client, method: DescMethod): unknown {
  const path = `/${method.parent.typeName}/${method.name}`;
  const c = codecOf(method);
  switch (method.methodKind) {
    case 'unary':
      return (req: Raw, ctx: HandlerContext) => forwardUnary(c, client, path, req, ctx);
    case 'server_streaming':
      return (req: Raw, ctx: HandlerContext) => forwardServerStream(c, client, path, req, ctx);
    case 'client_streaming':
      return (reqs: AsyncIterable<Raw>, ctx: HandlerContext) =>
        forwardClientStream(c, client, path, reqs, ctx);
    case 'bidi_streaming':
      return (reqs: AsyncIterable<Raw>, ctx: HandlerContext) =>
        forwardBidi(c, client, path, reqs, ctx);
  }
}

/** Messages of one method between connect-es's shapes and the gRPC server's bytes. */
interface Codec {
  toBytes(message: Raw): Buffer;
  toRaw(bytes: Buffer): Raw;
}

function codecOf(method: DescMethod): Codec {
  return {
    toBytes: (m) => Buffer.from(toBinary(method.input, m)),
    toRaw: (b) => fromBinary(method.output, b),
  };
}

function callOptions(ctx: HandlerContext): grpc.CallOptions {
  const timeout = ctx.timeoutMs();
  return timeout === undefined ? {} : { deadline: Date.now() + timeout };
}

/** Headers, trailers and cancellation between the two sides of one call. */
function bridge(call: grpc.Call, ctx: HandlerContext): void {
  call.on('metadata', (md: grpc.Metadata) =>
    withoutProtocolHeaders(headersOf(md)).forEach((v, k) => ctx.responseHeader.append(k, v)),
  );
  call.on('status', (status: grpc.StatusObject) => {
    if (status.code === grpc.status.OK)
      withoutProtocolHeaders(headersOf(status.metadata)).forEach((v, k) =>
        ctx.responseTrailer.append(k, v),
      );
  });
  ctx.signal.addEventListener('abort', () => call.cancel(), { once: true });
}

/** A gRPC error as connect-es raises it: code, message, trailers and the details of its status. */
function connectErrorOf(error: grpc.ServiceError): ConnectError {
  const trailers = error.metadata ?? new grpc.Metadata();
  const out = new ConnectError(error.details, error.code as number, metadataOfTrailers(trailers));
  const bin = trailers.get('grpc-status-details-bin')[0];
  if (bin instanceof Buffer) out.details.push(...detailsOf(bin));
  return out;
}

function metadataOfTrailers(trailers: grpc.Metadata): Headers {
  return withoutProtocolHeaders(headersOf(trailers));
}

/** google.rpc.Status's details (field 3, Any: type_url 1, value 2), read by hand. */
function detailsOf(bin: Uint8Array): { type: string; value: Uint8Array }[] {
  const details: { type: string; value: Uint8Array }[] = [];
  const reader = new BinaryReader(bin);
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field !== 3) {
      reader.skip(wireType);
      continue;
    }
    const any = new BinaryReader(reader.bytes());
    let type = '';
    let value: Uint8Array = new Uint8Array();
    while (any.pos < any.len) {
      const [f, w] = any.tag();
      if (f === 1) type = any.string().replace(TYPE_URL_PREFIX, '');
      else if (f === 2) value = any.bytes();
      else any.skip(w);
    }
    details.push({ type, value });
  }
  return details;
}

function upstreamMetadata(ctx: HandlerContext): grpc.Metadata {
  return metadataOf(ctx.requestHeader);
}

function forwardUnary(
  c: Codec,
  client: grpc.Client,
  path: string,
  req: Raw,
  ctx: HandlerContext,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const call = client.makeUnaryRequest(
      path,
      identity,
      identity,
      c.toBytes(req),
      upstreamMetadata(ctx),
      callOptions(ctx),
      (error, response) => {
        if (error) reject(connectErrorOf(error));
        else resolve(c.toRaw(response as Buffer));
      },
    );
    bridge(call, ctx);
  });
}

async function* forwardServerStream(
  c: Codec,
  client: grpc.Client,
  path: string,
  req: Raw,
  ctx: HandlerContext,
): AsyncGenerator<Raw> {
  const call = client.makeServerStreamRequest(
    path,
    identity,
    identity,
    c.toBytes(req),
    upstreamMetadata(ctx),
    callOptions(ctx),
  );
  bridge(call, ctx);
  yield* readAll(c, call);
}

async function* readAll(c: Codec, call: grpc.ClientReadableStream<Buffer>): AsyncGenerator<Raw> {
  try {
    for await (const chunk of call) yield c.toRaw(chunk as Buffer);
  } catch (error) {
    throw connectErrorOf(error as grpc.ServiceError);
  }
}

function forwardClientStream(
  c: Codec,
  client: grpc.Client,
  path: string,
  reqs: AsyncIterable<Raw>,
  ctx: HandlerContext,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const call = client.makeClientStreamRequest(
      path,
      identity,
      identity,
      upstreamMetadata(ctx),
      callOptions(ctx),
      (error, response) => {
        if (error) reject(connectErrorOf(error));
        else resolve(c.toRaw(response as Buffer));
      },
    );
    bridge(call, ctx);
    void pump(c, reqs, call);
  });
}

async function* forwardBidi(
  c: Codec,
  client: grpc.Client,
  path: string,
  reqs: AsyncIterable<Raw>,
  ctx: HandlerContext,
): AsyncGenerator<Raw> {
  const call = client.makeBidiStreamRequest(
    path,
    identity,
    identity,
    upstreamMetadata(ctx),
    callOptions(ctx),
  );
  bridge(call, ctx);
  void pump(c, reqs, call);
  yield* readAll(c, call);
}

/** The client's messages to the gRPC server, then its half-close. */
async function pump(
  c: Codec,
  reqs: AsyncIterable<Raw>,
  call: grpc.ClientWritableStream<Buffer>,
): Promise<void> {
  try {
    for await (const req of reqs) {
      if (!call.write(c.toBytes(req))) await new Promise((resolve) => call.once('drain', resolve));
    }
    call.end();
  } catch {
    call.cancel();
  }
}
