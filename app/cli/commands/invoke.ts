import type * as grpc from '@grpc/grpc-js';
import type { DescMethod } from '@bufbuild/protobuf';
import type { CallKind } from '../../../shared/schema/model.js';
import type { CallStatus, JsonValue, MetadataEntry } from '../../../shared/calls/events.js';
import { decodeStatusDetailsRaw, startCall } from '../../../main/calls/index.js';
import { createMessageCodec, decodeStatusDetails, CodecError } from '../../../main/codec/index.js';
import { methodLine } from '../describe-text.js';
import { createCallPrinter } from '../call-printer.js';
import { readAll, type CliIo } from '../io.js';
import { pumpStdinMessages } from './stdin-messages.js';
import { recordHook } from '../../../main/recording/index.js';
import { parseJsonStream, JsonStreamError } from '../../../shared/grpcurl/json-stream.js';
import type { CliSchema } from '../schema-source.js';
import { UsageError } from '../usage-error.js';

const KINDS: Record<DescMethod['methodKind'], CallKind> = {
  unary: 'unary',
  server_streaming: 'server_stream',
  client_streaming: 'client_stream',
  bidi_streaming: 'bidi_stream',
};

/** SERVICE/METHOD or SERVICE.METHOD, as grpcurl accepts. */
export function findMethod(cli: CliSchema, symbol: string): DescMethod {
  const name = symbol.startsWith('.') ? symbol.slice(1) : symbol;
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  const cut = slash !== -1 ? slash : dot;
  if (cut <= 0)
    throw new UsageError(
      `"${symbol}" is not a method name; write SERVICE/METHOD, e.g. example.UserService/GetUser`,
    );
  const serviceName = name.slice(0, cut);
  const methodName = name.slice(cut + 1);
  const service = cli.schema.registry.getService(serviceName);
  if (!service) {
    throw new UsageError(
      `service ${serviceName} not found (known: ${cli.services.join(', ') || 'none'})`,
    );
  }
  const method = service.methods.find((m) => m.name === methodName);
  if (!method) {
    throw new UsageError(
      `service ${serviceName} has no method ${methodName} (it has: ${service.methods.map((m) => m.name).join(', ')})`,
    );
  }
  return method;
}

export type RequestInput =
  { text: string | undefined } | { stdin: AsyncIterable<string | Uint8Array> };

export interface InvokeOptions {
  cli: CliSchema;
  client: grpc.Client;
  target: string;
  method: DescMethod;
  /** The -d text (undefined when -d was not given), or stdin for -d @. */
  request: RequestInput;
  metadata: MetadataEntry[];
  deadlineMs?: number;
  emitDefaults: boolean;
  allowUnknownFields: boolean;
  formatError: boolean;
  verbose: boolean;
  /** -record: where to write the call's recording, and what the schema came from. */
  record?: { file: string; schemaSource: string };
  /** Aborted on Ctrl-C: the call is cancelled and gwb exits 130 without an error block. */
  signal?: AbortSignal;
}

/** The shell's exit code for a run ended by Ctrl-C. */
export const INTERRUPTED_EXIT = 130;

/** Parses -d and checks every message against the request type before anything is sent. */
function requestMessages(
  opts: InvokeOptions,
  text: string | undefined,
  kind: CallKind,
  encode: (json: JsonValue) => void,
): JsonValue[] {
  let messages: JsonValue[];
  try {
    messages = text === undefined ? [] : parseJsonStream(text);
  } catch (error) {
    if (error instanceof JsonStreamError)
      throw new UsageError(`-d is not valid JSON: ${error.message}`);
    throw error;
  }
  const single = kind === 'unary' || kind === 'server_stream';
  if (single && messages.length > 1) {
    throw new UsageError(
      `${opts.method.name} takes one request message but -d holds ${messages.length}`,
    );
  }
  // grpcurl sends an empty message to a unary or server-stream method when -d is empty.
  if (single && messages.length === 0) messages = [{}];
  messages.forEach((message, i) => {
    try {
      encode(message);
    } catch (error) {
      if (error instanceof CodecError) {
        throw new UsageError(
          messages.length > 1 ? `-d message ${i + 1}: ${error.message}` : `-d: ${error.message}`,
        );
      }
      throw error;
    }
  });
  return messages;
}

export async function runInvoke(opts: InvokeOptions, io: CliIo): Promise<number> {
  const { cli, method } = opts;
  const kind = KINDS[method.methodKind];
  const requestCodec = createMessageCodec(cli.schema.registry, method.input.typeName, {
    ignoreUnknownFields: opts.allowUnknownFields,
  });
  const responseCodec = createMessageCodec(cli.schema.registry, method.output.typeName, {
    emitDefaults: opts.emitDefaults,
  });
  const streaming = kind === 'client_stream' || kind === 'bidi_stream';
  // Streams read stdin as it comes; a single request needs all of it first.
  const stdin = 'stdin' in opts.request && streaming ? opts.request.stdin : undefined;
  const text =
    'stdin' in opts.request
      ? stdin
        ? undefined
        : await readAll(opts.request.stdin)
      : opts.request.text;
  const messages = stdin
    ? []
    : requestMessages(opts, text, kind, (json) => requestCodec.encode(json));
  const printer = createCallPrinter(io, {
    verbose: opts.verbose,
    formatError: opts.formatError,
    methodText: methodLine(method),
    requestMetadata: opts.metadata,
  });

  const path = `/${method.parent.typeName}/${method.name}`;
  const recorder = opts.record
    ? recordHook(opts.record.file, {
        registry: cli.schema.registry,
        method: path,
        target: opts.target,
        metadata: opts.metadata,
        ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
        schemaSource: opts.record.schemaSource,
      })
    : undefined;
  const session = startCall({
    client: opts.client,
    path,
    kind,
    target: opts.target,
    requestCodec,
    responseCodec,
    metadata: opts.metadata,
    ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
    decodeStatusDetails: (bin) => {
      try {
        return decodeStatusDetails(cli.schema.registry, bin).details;
      } catch {
        // Not a google.rpc.Status: still show each detail's type and raw bytes if we can.
        return decodeStatusDetailsRaw(bin);
      }
    },
    ...(recorder ? { keepRaw: recorder.keepRaw } : {}),
    onEvent: (event) => {
      printer.onEvent(event);
      recorder?.onEvent(event);
    },
  });
  let ended = false;
  void session.done.then(() => (ended = true));
  const cancel = (): void => session.cancel();
  opts.signal?.addEventListener('abort', cancel, { once: true });
  let inputError: unknown;
  if (opts.signal?.aborted) {
    session.cancel();
  } else if (stdin) {
    // Not awaited: stdin may stay open after the server has ended the call.
    pumpStdinMessages(stdin, session, () => ended).catch((error: unknown) => {
      inputError = error;
      session.cancel();
    });
  } else {
    for (const message of messages) session.send(message);
    if (streaming) session.halfClose();
  }
  const status: CallStatus = await session.done;
  opts.signal?.removeEventListener('abort', cancel);
  await recorder?.close();
  if (inputError !== undefined) throw inputError;
  if (opts.signal?.aborted) return INTERRUPTED_EXIT;

  return printer.finish(status);
}
