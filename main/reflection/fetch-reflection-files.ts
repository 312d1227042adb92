import * as grpc from '@grpc/grpc-js';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { MetadataEntry } from '../../shared/calls/events.js';
import { connectionFailureOf } from '../channels/connection-failure.js';
import { proxyRouteOfChannel } from '../channels/proxy-options.js';
import type { ProxyRoute } from '../proxy/proxy-failures.js';
import { toGrpcMetadata } from '../metadata/index.js';
import { reflectionTypes, type ReflectionVersion } from './reflection-descriptor.js';
import { ReflectionError } from './reflection-error.js';
import { ReflectionStream, type ReflectionResponse } from './reflection-stream.js';
import { repairReferences } from './repair-references.js';
import { normalizeWellKnownFiles } from './well-known-normalize.js';
import { wellKnownFileProto } from './well-known-files.js';

export interface FetchReflectionOptions {
  /** Sent with the reflection call only (grpcurl -reflect-header), e.g. auth headers. */
  metadata?: MetadataEntry[];
  /** For the whole load, both protocol versions included. */
  deadlineMs?: number;
  /** Fetch the files for these symbols instead of for every listed service. */
  symbols?: string[];
  /**
   * With `symbols`: do not ask for the service list either (`services` is then empty). A call
   * needs its method's file alone, as grpcurl asks: one round trip, not one per listed service.
   */
  skipServiceList?: boolean;
}

export interface ReflectionResult {
  version: ReflectionVersion;
  /** Full names of the services the server lists, in its order (none with skipServiceList). */
  services: string[];
  /** Every file needed, each once, dependencies before the files that import them. */
  files: FileDescriptorProto[];
}

/**
 * Loads a server's schema by gRPC server reflection: grpc.reflection.v1 first, v1alpha when the
 * server does not implement v1. One stream per load: list the services, ask for the file of each
 * symbol not already covered, then for every imported file not yet received, so no file is fetched
 * twice however the server bundles its answers.
 */
export async function fetchReflectionFiles(
  channel: { client: grpc.Client } | grpc.Client,
  opts: FetchReflectionOptions = {},
): Promise<ReflectionResult> {
  const client = 'client' in channel ? channel.client : channel;
  const metadata = toGrpcMetadata(opts.metadata);
  const deadline = opts.deadlineMs === undefined ? Infinity : Date.now() + opts.deadlineMs;
  let v1Failure: grpc.ServiceError | undefined;
  for (const version of ['v1', 'v1alpha'] as const) {
    const stream = new ReflectionStream(
      client,
      reflectionTypes(version),
      metadata.clone(),
      deadline,
    );
    try {
      const services = opts.skipServiceList && opts.symbols ? [] : await listServices(stream);
      const files = await fetchFiles(stream, opts.symbols ?? services);
      stream.close();
      return { version, services, files };
    } catch (err) {
      stream.cancel();
      if (isUnimplemented(err) && !stream.answered) {
        if (version === 'v1') {
          v1Failure = err as grpc.ServiceError;
          continue;
        }
        throw noReflection(v1Failure, err as grpc.ServiceError);
      }
      throw explain(err, opts.deadlineMs, proxyRouteOfChannel(client.getChannel()));
    }
  }
  throw new Error('unreachable');
}

async function listServices(stream: ReflectionStream): Promise<string[]> {
  return expectServices(await stream.request(req('listServices', '*')));
}

async function fetchFiles(
  stream: ReflectionStream,
  symbols: string[],
): Promise<FileDescriptorProto[]> {
  const files = new Map<string, FileDescriptorProto>();
  const symbolsHave = new Set<string>();
  const take = (response: ReflectionResponse, what: string) => {
    for (const bytes of expectFiles(response, what)) {
      const file = parseFile(bytes, what);
      if (files.has(file.name)) continue;
      files.set(file.name, file);
      for (const name of topLevelSymbols(file)) symbolsHave.add(name);
    }
  };
  // One at a time: the answer for one service usually carries the files of others.
  for (const symbol of symbols) {
    if (symbolsHave.has(symbol)) continue;
    take(await stream.request(req('fileContainingSymbol', symbol)), `symbol ${symbol}`);
  }
  // Imports not sent along: ask for all of them at once, level by level.
  const requested = new Set<string>(files.keys());
  for (;;) {
    const importer = new Map<string, string>();
    for (const file of files.values()) {
      for (const dep of file.dependency) if (!requested.has(dep)) importer.set(dep, file.name);
    }
    const wanted = [...importer.keys()];
    if (!wanted.length) break;
    for (const name of wanted) requested.add(name);
    const answers = await Promise.allSettled(
      wanted.map((name) => stream.request(req('fileByFilename', name))),
    );
    answers.forEach((answer, i) => {
      const name = wanted[i] as string;
      if (answer.status === 'rejected') throw answer.reason;
      try {
        take(answer.value, `file ${name} (imported by ${importer.get(name)})`);
      } catch (err) {
        // Some servers do not serve the well-known types; they are the same everywhere.
        const builtIn = wellKnownFileProto(name);
        if (!builtIn || !(err instanceof ReflectionError)) throw err;
        files.set(name, builtIn);
      }
    });
  }
  const all = normalizeWellKnownFiles([...files.values()]);
  repairReferences(all);
  return dependencyOrder(new Map(all.map((f) => [f.name, f])));
}

function req(kind: 'fileByFilename' | 'fileContainingSymbol' | 'listServices', value: string) {
  return { messageRequest: { case: kind, value } };
}

function expectFiles(response: ReflectionResponse, what: string): Uint8Array[] {
  const answer = response.messageResponse;
  if (answer.case === 'fileDescriptorResponse') return answer.value.fileDescriptorProto;
  throw unexpected(answer, what);
}

function expectServices(response: ReflectionResponse): string[] {
  const answer = response.messageResponse;
  if (answer.case === 'listServicesResponse') return answer.value.service.map((s) => s.name);
  throw unexpected(answer, 'the service list');
}

function unexpected(answer: ReflectionResponse['messageResponse'], what: string): ReflectionError {
  if (answer.case === 'errorResponse') {
    const { errorCode, errorMessage } = answer.value;
    return new ReflectionError(
      'not_found',
      `server reflection could not find ${what}: ${statusName(errorCode)}${errorMessage ? `: ${errorMessage}` : ''}`,
      errorCode,
    );
  }
  return new ReflectionError(
    'transport',
    `server reflection answered ${answer.case ?? 'nothing'} when asked for ${what}`,
  );
}

function parseFile(bytes: Uint8Array, what: string): FileDescriptorProto {
  try {
    return fromBinary(FileDescriptorProtoSchema, bytes);
  } catch (err) {
    throw new ReflectionError(
      'transport',
      `server reflection sent an invalid file descriptor for ${what}: ${errorText(err)}`,
    );
  }
}

/** Services, messages and enums a file defines, by full name: what file_containing_symbol would name. */
function topLevelSymbols(file: FileDescriptorProto): string[] {
  const prefix = file.package ? `${file.package}.` : '';
  return [...file.service, ...file.messageType, ...file.enumType].map((d) => prefix + d.name);
}

function dependencyOrder(files: Map<string, FileDescriptorProto>): FileDescriptorProto[] {
  const out: FileDescriptorProto[] = [];
  const placed = new Set<string>();
  const place = (file: FileDescriptorProto) => {
    if (placed.has(file.name)) return;
    placed.add(file.name);
    for (const dep of file.dependency) {
      const depFile = files.get(dep);
      if (depFile) place(depFile);
    }
    out.push(file);
  };
  for (const file of files.values()) place(file);
  return out;
}

function isUnimplemented(err: unknown): boolean {
  return (err as grpc.ServiceError | undefined)?.code === grpc.status.UNIMPLEMENTED;
}

function noReflection(
  v1: grpc.ServiceError | undefined,
  v1alpha: grpc.ServiceError,
): ReflectionError {
  const said = [v1?.details, v1alpha.details].filter(Boolean).join('; ');
  return new ReflectionError(
    'unavailable',
    `server reflection is not available on this server (neither grpc.reflection.v1 nor v1alpha is implemented${
      said ? `: ${said}` : ''
    }); load the schema from .proto files (-proto) or a descriptor set (-protoset) instead`,
    grpc.status.UNIMPLEMENTED,
    'unimplemented',
  );
}

function explain(
  err: unknown,
  deadlineMs: number | undefined,
  route: ProxyRoute | undefined,
): ReflectionError {
  if (err instanceof ReflectionError) return err;
  const status = err as Partial<grpc.ServiceError>;
  if (typeof status.code !== 'number') {
    return new ReflectionError('transport', `server reflection failed: ${errorText(err)}`);
  }
  if (status.code === grpc.status.DEADLINE_EXCEEDED) {
    return new ReflectionError(
      'deadline',
      deadlineMs === undefined
        ? 'server reflection did not finish before the deadline'
        : `server reflection did not finish within ${deadlineMs} ms (deadline exceeded)`,
      status.code,
      'deadline',
      undefined,
      deadlineMs,
    );
  }
  const text = status.details || 'no details';
  // The server never reached: its kind (refused, no such host, TLS) picks the next step.
  const connection =
    status.code === grpc.status.UNAVAILABLE ? connectionFailureOf(text, route) : undefined;
  return new ReflectionError(
    'transport',
    `server reflection failed: ${statusName(status.code)}: ${text}`,
    status.code,
    connection?.kind,
    connection ? text : undefined,
  );
}

function statusName(code: number): string {
  return grpc.status[code] ?? `code ${code}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
