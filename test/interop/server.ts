// An in-process grpc-js server for the gRPC interop cases (see PRODUCT.md). Reusable by any test:
// `const server = await startInteropServer(); ... await server.close();`
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { INTEROP_PROTO } from './codec.js';

interface Payload {
  body?: Buffer;
}
interface EchoStatus {
  code?: number;
  message?: string;
}
interface ResponseParameters {
  size?: number;
  intervalUs?: number;
}
interface SimpleRequest {
  responseSize?: number;
  payload?: Payload;
  responseStatus?: EchoStatus;
}
interface StreamingOutputCallRequest {
  responseParameters?: ResponseParameters[];
  payload?: Payload;
  responseStatus?: EchoStatus;
}

export const ECHO_INITIAL = 'x-grpc-test-echo-initial';
export const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';

export interface InteropServer {
  port: number;
  address: string;
  close(): Promise<void>;
}

function payload(size: number | undefined): { body: Buffer } {
  return { body: Buffer.alloc(size ?? 0) };
}

/** Initial metadata and trailers echoed per the custom_metadata case. */
function echo(call: {
  metadata: grpc.Metadata;
  sendMetadata(md: grpc.Metadata): void;
}): grpc.Metadata {
  const initial = call.metadata.get(ECHO_INITIAL);
  if (initial.length > 0) {
    const md = new grpc.Metadata();
    for (const value of initial) md.add(ECHO_INITIAL, value);
    call.sendMetadata(md);
  }
  const trailer = new grpc.Metadata();
  for (const value of call.metadata.get(ECHO_TRAILING)) trailer.add(ECHO_TRAILING, value);
  return trailer;
}

function statusError(
  status: EchoStatus | undefined,
  trailer: grpc.Metadata,
): grpc.ServiceError | null {
  if (!status || !status.code) return null;
  return Object.assign(new Error(status.message ?? ''), {
    code: status.code,
    details: status.message ?? '',
    metadata: trailer,
  });
}

const sleep = (us: number | undefined): Promise<void> =>
  us ? new Promise((resolve) => setTimeout(resolve, us / 1000)) : Promise.resolve();

const handlers: grpc.UntypedServiceImplementation = {
  EmptyCall(call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) {
    callback(null, {}, echo(call));
  },
  UnaryCall(
    call: grpc.ServerUnaryCall<SimpleRequest, unknown>,
    callback: grpc.sendUnaryData<unknown>,
  ) {
    const trailer = echo(call);
    const error = statusError(call.request.responseStatus, trailer);
    if (error) return callback(error);
    callback(null, { payload: payload(call.request.responseSize) }, trailer);
  },
  async StreamingOutputCall(call: grpc.ServerWritableStream<StreamingOutputCallRequest, unknown>) {
    const trailer = echo(call);
    for (const params of call.request.responseParameters ?? []) {
      await sleep(params.intervalUs);
      if (call.cancelled) return;
      call.write({ payload: payload(params.size) });
    }
    const error = statusError(call.request.responseStatus, trailer);
    if (error) return call.emit('error', error);
    call.end(trailer);
  },
  StreamingInputCall(
    call: grpc.ServerReadableStream<{ payload?: Payload }, unknown>,
    callback: grpc.sendUnaryData<unknown>,
  ) {
    const trailer = echo(call);
    let total = 0;
    call.on(
      'data',
      (request: { payload?: Payload }) => (total += request.payload?.body?.length ?? 0),
    );
    call.on('end', () => callback(null, { aggregatedPayloadSize: total }, trailer));
  },
  FullDuplexCall(call: grpc.ServerDuplexStream<StreamingOutputCallRequest, unknown>) {
    const trailer = echo(call);
    // Requests are answered one after another, in order, even when they ask for intervals.
    let chain = Promise.resolve();
    let failed = false;
    call.on('data', (request: StreamingOutputCallRequest) => {
      chain = chain.then(async () => {
        if (failed || call.cancelled) return;
        const error = statusError(request.responseStatus, trailer);
        if (error) {
          failed = true;
          call.emit('error', error);
          return;
        }
        for (const params of request.responseParameters ?? []) {
          await sleep(params.intervalUs);
          if (call.cancelled) return;
          call.write({ payload: payload(params.size) });
        }
      });
    });
    call.on('end', () => {
      void chain.then(() => {
        if (!failed && !call.cancelled) call.end(trailer);
      });
    });
  },
};

export function interopServiceDefinition(): grpc.ServiceDefinition {
  const definition = protoLoader.loadSync(INTEROP_PROTO, { defaults: false });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { testing: { TestService: grpc.ServiceClientConstructor } };
  };
  return loaded.grpc.testing.TestService.service;
}

export function startInteropServer(
  credentials: grpc.ServerCredentials = grpc.ServerCredentials.createInsecure(),
): Promise<InteropServer> {
  const server = new grpc.Server();
  // UnimplementedCall has no handler on purpose: grpc-js answers it with UNIMPLEMENTED.
  server.addService(interopServiceDefinition(), handlers);
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', credentials, (error, port) => {
      if (error) return reject(error);
      resolve({
        port,
        address: `127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.tryShutdown(() => done());
            // Streams a test left open must not hold the shutdown up.
            setTimeout(() => server.forceShutdown(), 200).unref();
          }),
      });
    });
  });
}
