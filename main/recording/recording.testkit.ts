// Shared by the recording tests: record a real call through startCall and the -record hook.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallEvent, CallStatus, JsonValue, MetadataEntry } from '../../shared/calls/events.js';
import { startCall } from '../calls/index.js';
import { createMessageCodec, decodeStatusDetails } from '../codec/index.js';
import { resourcePath } from '../resources.js';
import { loadProtoFiles, type LoadedSchema } from '../schema/index.js';
import { createCallRecorder } from './writer/call-recorder.js';
import type { RecordingPack } from './writer/recording-pack.js';
import type { RecordingThread } from './writer/recording-thread.js';
import { descMethodOf } from '../schema/desc-method.js';
import { CALL_KIND_OF } from '../../shared/schema/methods.js';
import { STREAMING_CHANNEL_OPTIONS } from '../channels/index.js';

export function exampleSchema(): LoadedSchema {
  return loadProtoFiles({ files: ['example.proto'], importPaths: [resourcePath('protos')] });
}

/**
 * The demo's services as proto-loader stubs and service definitions (keepCase, longs and enums as
 * strings): the plain grpc-js peer the recording tests talk to or stand up.
 */
export function exampleStubs(): Record<string, grpc.ServiceClientConstructor> {
  const pkg = protoLoader.loadSync(resourcePath('protos', 'example.proto'), {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    includeDirs: [resourcePath('protos')],
  });
  return grpc.loadPackageDefinition(pkg)['example'] as Record<
    string,
    grpc.ServiceClientConstructor
  >;
}

export function tempDir(): { dir: string; file(name: string): string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwb-rec-'));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function plainClient(target: string): grpc.Client {
  return new grpc.Client(target, grpc.credentials.createInsecure(), STREAMING_CHANNEL_OPTIONS);
}

export interface RecordCallOptions {
  client: grpc.Client;
  schema: LoadedSchema;
  method: string;
  target: string;
  requests: JsonValue[];
  out: string;
  metadata?: MetadataEntry[];
  deadlineMs?: number;
  /** Sees every event after the recorder did. */
  observe?: (event: CallEvent) => void;
  /**
   * Written as `gwb proxy` writes: on this thread, a call over before the flush interval appended
   * to `pack` (FILE#N).
   */
  packed?: { thread: RecordingThread; pack: RecordingPack; flushIntervalMs?: number };
}

/** Makes one real call and records it; resolves once the recording is closed. */
export async function recordCall(opts: RecordCallOptions): Promise<CallStatus> {
  const desc = descMethodOf(opts.schema.registry, opts.method);
  if (!desc) throw new Error(`no method ${opts.method}`);
  const recorder = createCallRecorder({
    path: opts.out,
    registry: opts.schema.registry,
    method: opts.method,
    target: opts.target,
    ...(opts.metadata ? { metadata: opts.metadata } : {}),
    ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
    ...opts.packed,
  });
  const kind = CALL_KIND_OF[desc.methodKind];
  const session = startCall({
    client: opts.client,
    path: opts.method,
    kind,
    target: opts.target,
    requestCodec: createMessageCodec(opts.schema.registry, desc.input.typeName),
    responseCodec: createMessageCodec(opts.schema.registry, desc.output.typeName),
    ...(opts.metadata ? { metadata: opts.metadata } : {}),
    ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
    decodeStatusDetails: (bin) => decodeStatusDetails(opts.schema.registry, bin).details,
    messages: opts.requests,
    halfClose: true,
    onEvent: opts.observe
      ? (event, raw) => {
          recorder.onEvent(event, raw);
          opts.observe?.(event);
        }
      : recorder.onEvent,
  });
  const status = await session.done;
  await recorder.close();
  return status;
}

/**
 * Ways a recording header line can be written other than byte for byte as gwb writes it (an
 * edit, `jq`): each still a header to JSON, none of them a start of a recording to a reader.
 */
export const HEADERS_WRITTEN_ANOTHER_WAY: readonly [string, (line: string) => string][] = [
  [
    'a space after the colon',
    (l) => l.replace('{"format":"gwb-recording"', '{"format": "gwb-recording"'),
  ],
  [
    'another key order',
    (l) => {
      const { format, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({ ...rest, format });
    },
  ],
];
