// A grpcurl-style call: `gwb [flags] ADDRESS SERVICE/METHOD`. The command line becomes a request
// document (the flag table), the engine loads its schema and makes the call; this prints it as
// grpcurl does and returns grpcurl's exit code.
import { toChannelConfig } from '../../../main/channels/connection-config.js';
import type { CallObserverFactory } from '../../../main/engine/call-observer.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { CommandError } from '../../../shared/contract/errors.js';
import {
  JsonStreamError,
  parseJsonStream,
  requestFromGrpcurl,
  type GrpcurlFlags,
  type ParsedGrpcurl,
} from '../../../shared/grpcurl/index.js';
import type { RequestDocument } from '../../../shared/request/document.js';
import { sentMetadata } from '../../../shared/request/metadata.js';
import { lookupMethod, sendsStream } from '../../../shared/schema/methods.js';
import type { MethodInfo, SchemaModel } from '../../../shared/schema/model.js';
import type { LoadedSchema } from '../../../main/schema/index.js';
import { fileOfSymbol } from '../../../main/schema/schema-out.js';
import { createCallPrinter } from '../call-printer.js';
import { timedDial, type TimingData } from '../timing-data.js';
import { schemaOutOf, writeSchemaOut } from '../schema-out.js';
import { requestRegistry } from '../text-request-schema.js';
import { TEXT_SEPARATOR, textPrinter, textRequestMessages } from '../text-format.js';
import { currentRegistry } from '../../../main/schema/current-registry.js';
import { methodLine } from '../describe-text.js';
import { runCall } from '../call-runner.js';
import { callSchema, loadFileSchema, schemaSourceName } from '../call-schema.js';
import {
  asConnectionFailure,
  callConnectionFailure,
  connectTimeoutOf,
  waitForServer,
} from '../server-wait.js';
import { callConnection, unreachedByStatus, waitsOnGrpcChannel } from '../grpc-channel-wait.js';
import { withCliEngine } from '../engine-host.js';
import { EXIT_INTERRUPTED } from '../exit-codes.js';
import { readAll, type CliIo } from '../io.js';
import { recordToFile } from '../record-file.js';
import { UsageError } from '../usage-error.js';

function methodIn(model: SchemaModel, symbol: string): MethodInfo {
  const found = lookupMethod(model, symbol);
  if (!found.method) throw new UsageError(found.problem);
  return found.method;
}

function stdinMessages(text: string): JsonValue[] {
  try {
    return parseJsonStream(text);
  } catch (error) {
    if (error instanceof JsonStreamError)
      throw new UsageError(`-d is not valid JSON: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * The messages to send up front: -d's, or stdin's for a method that takes one message (a stream
 * reads stdin as it comes). grpcurl sends an empty message when a unary or server-stream call
 * has none.
 */
async function upfrontMessages(
  doc: RequestDocument,
  method: MethodInfo,
  fromStdin: boolean,
  io: CliIo,
): Promise<JsonValue[]> {
  if (sendsStream(method.kind)) return doc.messages;
  const messages = fromStdin ? stdinMessages(await readAll(io.stdin)) : doc.messages;
  if (messages.length > 1) {
    throw new UsageError(
      `${method.name} takes one request message but -d holds ${messages.length}`,
    );
  }
  return messages.length === 0 ? [{}] : messages;
}

/**
 * A message the engine could not encode, named as -d's: `-d: …` for the one message, `-d message
 * 2: …` among several (the engine says which by its index).
 */
function inDataTerms(error: unknown, count: number): unknown {
  if (!(error instanceof CommandError) || error.code !== 'codec_error') return error;
  // The engine numbers the message among several; the only one it does not.
  const index = (error.details as { messageIndex?: unknown } | undefined)?.messageIndex ?? 0;
  if (typeof index !== 'number') return error;
  const problem = error.message.replace(/^message \d+: /, '');
  const where = count > 1 ? `-d message ${index + 1}` : '-d';
  return new UsageError(`${where}: ${problem}`, { cause: error });
}

export async function runInvoke(
  parsed: ParsedGrpcurl,
  address: string,
  symbol: string,
  io: CliIo,
  timing: TimingData,
): Promise<number> {
  const startedAt = Date.now();
  const { flags } = parsed;
  // -format text: -d is text, read once the schema is known (textData); the document gets JSON.
  const text = flags.format === 'text';
  const doc = requestFromGrpcurl(text ? { ...parsed, flags: { ...flags, d: undefined } } : parsed, {
    address,
    method: symbol,
    stdin: 'later',
  });
  const recording = flags.record ? recordToFile(flags.record, schemaSourceName(flags)) : undefined;
  try {
    return await call(
      { flags, doc, symbol, io, startedAt, text, timing },
      recording ? [recording.observer] : [],
    );
  } finally {
    await recording?.finish();
  }
}

interface Invocation {
  flags: GrpcurlFlags;
  doc: RequestDocument;
  symbol: string;
  io: CliIo;
  /** -max-time counts from here. */
  startedAt: number;
  /** -format text. */
  text: boolean;
  /** -vv's tree (timing-data.ts). */
  timing: TimingData;
}

async function call(
  { flags, doc, symbol, io, startedAt, text, timing }: Invocation,
  observers: CallObserverFactory[],
): Promise<number> {
  const fromStdin = flags.d === '@';
  // The schema the call encodes with, for -format text's responses and -protoset-out/-proto-out-dir
  // (known once the call starts).
  let callSchemaUsed: LoadedSchema | undefined;
  const seeSchema: CallObserverFactory = (start) => {
    callSchemaUsed = start.schema;
    return undefined;
  };
  return withCliEngine({ observers: [seeSchema, ...observers] }, async (engine) => {
    // The files first: a typo in them or in the method is reported before any network wait.
    const files = await loadFileSchema(engine, doc);
    if (files) methodIn(files.model, symbol);
    // Not over HTTP/1.1, where no gRPC channel can wait: the call's own status says it then.
    const wait = waitsOnGrpcChannel(doc.connection)
      ? await timedDial(
          timing,
          doc.connection.security.kind === 'tls',
          // grpcurl's TLS Setup (the TLS files read and checked before dialing), for -vv's tree
          // only: the engine reads them for the channel itself, so without -vv this read would be
          // one more on every TLS call.
          () => {
            if (timing.timed) toChannelConfig(doc.connection);
          },
          () =>
            waitForServer(
              engine,
              doc.connection,
              connectTimeoutOf(doc.connection, doc.deadlineMs),
              io.signal,
            ),
        )
      : undefined;
    const schema = await callSchema(engine, flags, doc, files).catch((error: unknown) => {
      throw wait ? asConnectionFailure(error, wait) : error;
    });
    const method = methodIn(schema.model, symbol);
    const messages = text
      ? await textMessages({ flags, doc, method, io, startedAt })
      : await upfrontMessages(doc, method, fromStdin, io);
    // -max-time covers the whole command: what connecting and loading the schema took is spent.
    const left =
      doc.deadlineMs === undefined
        ? undefined
        : Math.max(1, doc.deadlineMs - (Date.now() - startedAt));
    const request: RequestDocument = {
      ...doc,
      connection: callConnection(doc.connection),
      messages,
      ...(left !== undefined ? { deadlineMs: left } : {}),
    };
    const printer = createCallPrinter(io, {
      verbose: flags.v,
      veryVerbose: flags.vv,
      formatError: flags['format-error'],
      methodText: methodLine(method),
      requestMetadata: sentMetadata(request.metadata),
      ...(text
        ? {
            formatResponse: (message: JsonValue, raw?: string) => {
              if (!callSchemaUsed) throw new Error('the call started without its schema');
              // With the types reflection found for this call's Anys (its registry then lacks them).
              return textPrinter(currentRegistry(callSchemaUsed), method.outputType)(message, raw);
            },
            separator: TEXT_SEPARATOR,
            statusAsText: true,
          }
        : {}),
    });
    let sawHeaders = false;
    const invokeRpc = timing.root.child('InvokeRPC');
    const result = await runCall(engine, {
      schemaId: schema.schemaId,
      request,
      // -format text prints the bytes as they came (Anys raw, as grpcurl), not JSON written back.
      ...(text ? { keepRaw: true } : {}),
      ...(fromStdin && !text && sendsStream(method.kind) ? { stdin: io.stdin } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      onEvent: (event) => {
        if (event.type === 'headers') sawHeaders = true;
        printer.onEvent(event);
      },
    })
      .finally(() => invokeRpc.end())
      .catch((error: unknown) => {
        throw inDataTerms(error, messages.length);
      });
    if (result.interrupted) return EXIT_INTERRUPTED;
    if (callSchemaUsed) {
      const file = fileOfSymbol(callSchemaUsed.registry, method.fullName);
      writeSchemaOut(schemaOutOf(flags), callSchemaUsed, file ? [file] : []);
    }
    const unreached = wait
      ? callConnectionFailure(result.status, sawHeaders, wait)
      : unreachedByStatus(result.status, sawHeaders);
    if (unreached) throw unreached;
    return printer.finish(result.status);
  });
}

/**
 * -format text's messages: -d (or all of stdin with -d @) read as text of the method's input type.
 * (Text from stdin is read to its end before the call, not streamed as JSON is.)
 */
async function textMessages({
  flags,
  doc,
  method,
  io,
  startedAt,
}: {
  flags: GrpcurlFlags;
  doc: RequestDocument;
  method: MethodInfo;
  io: CliIo;
  startedAt: number;
}): Promise<JsonValue[]> {
  // grpcurl reads no -d as empty text: one empty message, for streams too.
  const data = flags.d === '@' ? await readAll(io.stdin) : (flags.d ?? '');
  const messages = textRequestMessages(
    await requestRegistry(flags, doc, startedAt, io.signal),
    method.inputType,
    data,
  );
  if (sendsStream(method.kind)) return messages;
  if (messages.length > 1) {
    throw new UsageError(
      `${method.name} takes one request message but -d holds ${messages.length}`,
    );
  }
  return messages.length === 0 ? [{}] : messages;
}
