import * as grpc from '@grpc/grpc-js';
import type * as protoLoader from '@grpc/proto-loader';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { performance } from 'node:perf_hooks';
import type { CallKind } from '../../../shared/schema/model.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import { speedProblem } from '../../../shared/recording/speed.js';
import { schemaFromFileDescriptors } from '../../schema/from-descriptors.js';
import { RecordingError } from '../recording-error.js';
import { readRequests, streamSink, unarySink } from './call-sinks.js';
import {
  bidiMatchable,
  bidiStartsAtOnce,
  chooseByFirstRequest,
  ClientStreamChooser,
  type RecordingChoice,
} from './choose-recording.js';
import type { MockCallReport } from './mock-call-report.js';
import { loadMockCatalog, type MockCatalog, type MockEntry } from './mock-catalog.js';
import { playServerSide, type MockSpeed, type ServerCallSink } from './play-server-side.js';
import { shutdownServer } from '../../platform/shutdown-server.js';
import { startConnectGateway, type Gateway } from '../../transports/connect-gateway.js';

export interface MockServerOptions {
  /** Recording files, or folders of them. */
  recordings: readonly string[];
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  /** 1 (default) keeps the recorded timing; 'max' answers at once. */
  speed?: MockSpeed;
  /** Serve reflection v1 and v1alpha (default true). */
  reflection?: boolean;
  /**
   * 'all' also serves gRPC-Web and Connect, on two more ports (HTTP/2 and HTTP/1.1: a plain-text
   * port cannot take both): the connect gateway (main/transports) in front of the mock's own gRPC
   * port, so every protocol is answered by the same recordings. Default 'grpc'.
   */
  protocols?: 'grpc' | 'all';
  /** Told, as each call starts being answered, which recording answers it and why. */
  onCall?: (report: MockCallReport) => void;
  /** Leave out recordings with no schema instead of refusing them (MockCatalogOptions). */
  leaveOutSchemaless?: boolean;
}

export interface MockServer {
  port: number;
  /** With protocols 'all': the gRPC-Web and Connect ports (HTTP/2 also answers gRPC). */
  webPorts?: { http2: number; http1: number };
  /** The method paths served. */
  methods: string[];
  /**
   * Recordings made with secrets (header.secrets): their values were masked when recorded, so the
   * mock answers `[secret:NAME]` wherever the server had sent one; it cannot reproduce them.
   */
  masked: { file: string; secrets: string[] }[];
  /** Recordings left out for carrying no schema (MockCatalog.skipped). */
  skipped: string[];
  close(): Promise<void>;
}

const identity = (b: Buffer): Buffer => b;

interface MethodServing {
  method: string;
  entries: MockEntry[];
  speed: MockSpeed;
  onCall?: (report: MockCallReport) => void;
}

/** Reports the choice and plays its server side, timed from the call's start. */
function serve(m: MethodServing, choice: RecordingChoice, sink: ServerCallSink, startedAt: number) {
  m.onCall?.({
    method: m.method,
    file: choice.entry.file,
    matched: choice.matched,
    why: choice.why,
  });
  playServerSide(choice.entry, sink, m.speed, startedAt).catch((error: unknown) =>
    process.emitWarning(`mock: ${(error as Error).message}`),
  );
}

/**
 * How each kind of call picks its recording (default: the method's first, see defaultChoice):
 * unary and server stream by their request; client stream by all its messages, after the
 * half-close; bidi by its first message, without holding the server side back any longer
 * (see bidiStartsAtOnce).
 */
function handlerFor(kind: CallKind, m: MethodServing): grpc.UntypedHandleCall {
  const { entries } = m;
  if (kind === 'unary') {
    return (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
      const sink = unarySink(call, callback, Promise.resolve());
      serve(m, chooseByFirstRequest(entries, call.request), sink, performance.now());
    };
  }
  if (kind === 'server_stream') {
    return (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
      const sink = streamSink(call, Promise.resolve());
      serve(m, chooseByFirstRequest(entries, call.request), sink, performance.now());
    };
  }
  if (kind === 'client_stream') {
    return (
      call: grpc.ServerReadableStream<Buffer, Buffer>,
      callback: grpc.sendUnaryData<Buffer>,
    ) => {
      const startedAt = performance.now();
      const chooser = new ClientStreamChooser(entries);
      const sink = unarySink(
        call,
        callback,
        readRequests(call, (bytes) => chooser.add(bytes)),
      );
      void sink.clientDone.then(() => {
        if (!sink.isCancelled()) serve(m, chooser.choose(), sink, startedAt);
      });
    };
  }
  return (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
    const startedAt = performance.now();
    const atOnce = bidiStartsAtOnce(entries);
    let chosen = atOnce !== undefined;
    const choose = (first: Buffer | undefined): void => {
      if (chosen || sink.isCancelled()) return;
      chosen = true;
      serve(m, chooseByFirstRequest(entries, first, bidiMatchable), sink, startedAt);
    };
    const sink = streamSink(call, readRequests(call, choose));
    if (atOnce) serve(m, atOnce, sink, startedAt);
    else void sink.clientDone.then(() => choose(undefined));
  };
}

function addServices(
  server: grpc.Server,
  catalog: MockCatalog,
  speed: MockSpeed,
  onCall: MethodServing['onCall'],
): void {
  const services = new Map<
    string,
    {
      definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>>;
      handlers: grpc.UntypedServiceImplementation;
    }
  >();
  for (const [method, entries] of catalog.byMethod) {
    const [, service, name] = /^\/([^/]+)\/([^/]+)$/.exec(method) ?? [];
    if (!service || !name) continue;
    const kind = (entries[0] as MockEntry).header.kind;
    const svc = services.get(service) ?? { definition: {}, handlers: {} };
    svc.definition[name] = {
      path: method,
      requestStream: kind === 'client_stream' || kind === 'bidi_stream',
      responseStream: kind === 'server_stream' || kind === 'bidi_stream',
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
      originalName: name,
    };
    svc.handlers[name] = handlerFor(kind, {
      method,
      entries,
      speed,
      ...(onCall ? { onCall } : {}),
    });
    services.set(service, svc);
  }
  for (const { definition, handlers } of services.values())
    server.addService(definition as grpc.ServiceDefinition, handlers);
}

/** The recordings' descriptors, in the package-definition shape ReflectionService reads. */
function reflectionPackage(catalog: MockCatalog): protoLoader.PackageDefinition {
  let files;
  try {
    files = schemaFromFileDescriptors(catalog.files, 'mock recordings').files;
  } catch (error) {
    throw new RecordingError(
      `the recordings' schemas do not fit together: ${(error as Error).message}`,
      'mock recordings',
    );
  }
  const fileDescriptorProtos = files.map((f) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, f)),
  );
  return { 'gwb.mock.files': { fileDescriptorProtos } } as unknown as protoLoader.PackageDefinition;
}

/**
 * Serves recordings as a gRPC server: every method found in them, answering each call with the
 * recorded server side (see playServerSide), plus reflection built from the descriptors they carry.
 */
export async function startMockServer(opts: MockServerOptions): Promise<MockServer> {
  const speedRefused = speedProblem(opts.speed ?? 1);
  if (speedRefused) throw new WorkbenchError('invalid_input', `mock: ${speedRefused}`);
  const catalog = await loadMockCatalog(opts.recordings, {
    leaveOutSchemaless: opts.leaveOutSchemaless === true,
  });
  const server = new grpc.Server();
  addServices(server, catalog, opts.speed ?? 1, opts.onCall);
  if (opts.reflection !== false) {
    // Loaded here: every engine imports this module, and @grpc/reflection parses its .proto files
    // when loaded (gwb start-up, issue 13).
    const { ReflectionService } = await import('@grpc/reflection');
    new ReflectionService(reflectionPackage(catalog)).addToServer(server);
  }
  const host = opts.host ?? '127.0.0.1';
  const address =
    host.includes(':') && !host.startsWith('[')
      ? `[${host}]:${opts.port ?? 0}`
      : `${host}:${opts.port ?? 0}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(new Error(`mock server cannot listen on ${address}: ${error.message}`));
      else resolve(bound);
    });
  });
  let gateways: Gateway[] = [];
  try {
    if (opts.protocols === 'all')
      gateways = await startGateways(catalog, `${address.replace(/:\d+$/, '')}:${port}`, host);
  } catch (error) {
    await shutdownServer(server);
    throw error;
  }
  const [h2, h1] = gateways;
  return {
    port,
    ...(h2 && h1 ? { webPorts: { http2: h2.port, http1: h1.port } } : {}),
    methods: [...catalog.byMethod.keys()].sort(),
    masked: [...catalog.byMethod.values()]
      .flat()
      .filter((e) => (e.header.secrets?.length ?? 0) > 0)
      .map((e) => ({ file: e.file, secrets: [...(e.header.secrets ?? [])] })),
    skipped: catalog.skipped,
    close: async () => {
      await Promise.all(gateways.map((g) => g.close()));
      await shutdownServer(server);
    },
  };
}

/** gRPC-Web and Connect over HTTP/2 and HTTP/1.1, in front of the mock's gRPC port `upstream`. */
async function startGateways(
  catalog: MockCatalog,
  upstream: string,
  host: string,
): Promise<Gateway[]> {
  const { registry } = schemaFromFileDescriptors(catalog.files, 'mock recordings');
  const services = [
    ...new Set([...catalog.byMethod.keys()].map((m) => m.split('/')[1] ?? '').filter(Boolean)),
  ];
  // A wildcard listen address is not one to connect to: the gateway reaches the mock on loopback.
  const target = upstream.replace(/^(?:0\.0\.0\.0|\[::\]|\[::0?\])(?=:\d+$)/, '127.0.0.1');
  const started: Gateway[] = [];
  try {
    for (const httpVersion of ['2', '1.1'] as const)
      started.push(
        await startConnectGateway({ upstream: target, registry, services, httpVersion, host }),
      );
  } catch (error) {
    await Promise.all(started.map((g) => g.close()));
    throw error;
  }
  return started;
}
