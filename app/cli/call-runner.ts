// One call through the engine, as every gwb command makes it: call.start with the document, its
// events as the engine emits them, call.send for messages typed on stdin, call.cancel on Ctrl-C.
import type { CallEvent, CallStatus, JsonValue } from '../../shared/calls/events.js';
import { CommandError } from '../../shared/contract/errors.js';
import { JsonStreamError, JsonStreamReader } from '../../shared/grpcurl/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { isPlainMessage, isPlainlyValidDocument } from '../../shared/request/plain-check.js';
import type { CliEngine } from './engine-host.js';
import { UsageError } from './usage-error.js';

export interface CallSpec {
  schemaId: string;
  /** Its messages are sent in order; the call is half-closed after them unless `stdin` is set. */
  request: RequestDocument;
  /** Whose variables are substituted (null: none; absent: the selected one). */
  environment?: string | null;
  /** The saved request the call was made from, for history. */
  requestPath?: string;
  /** Keep each message's encoded bytes in the events (a recording needs them). */
  keepRaw?: boolean;
  /** `-d @` on a client or bidi stream: more messages as stdin completes them, then half-close. */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Ctrl-C: the call is cancelled. */
  signal?: AbortSignal;
  /** Every event of the call, in order. */
  onEvent(event: CallEvent): void;
}

export interface CallResult {
  /** The final status; absent only when the call never started. */
  status?: CallStatus;
  /** The call was cancelled by Ctrl-C. */
  interrupted: boolean;
}

export async function runCall(engine: CliEngine, spec: CallSpec): Promise<CallResult> {
  if (spec.signal?.aborted) return { interrupted: true };
  const start = {
    schemaId: spec.schemaId,
    request: spec.request,
    ...(spec.environment !== undefined ? { environment: spec.environment } : {}),
    ...(spec.requestPath !== undefined ? { requestPath: spec.requestPath } : {}),
    halfClose: spec.stdin === undefined,
    keepRaw: spec.keepRaw ?? false,
    // gwb writes a recording only where -record says, never into the data folder.
    record: false,
  };
  // A grpcurl-style call (no saved request, no environment named: the selected environment's
  // variables and secrets are still substituted, by the engine, after this) whose document passes
  // the plain check needs no second check; the rest is checked by the contract as any client's
  // input is.
  const { request } = spec;
  const { callId } =
    spec.environment === undefined &&
    spec.requestPath === undefined &&
    isPlainlyValidDocument(request)
      ? await engine.runParsed('call.start', {
          schemaId: spec.schemaId,
          request,
          halfClose: start.halfClose,
          keepRaw: start.keepRaw,
          record: start.record,
        })
      : await engine.run('call.start', start);
  let status: CallStatus | undefined;
  let ended = false;
  let unwatch = (): void => {};
  const done = new Promise<void>((resolve) => {
    unwatch = engine.watchCall(callId, (events) => {
      for (const event of events) {
        spec.onEvent(event);
        if (event.type === 'status') status = event.status;
        if (event.type === 'ended') {
          ended = true;
          resolve();
        }
      }
    });
  });
  const cancel = (): void =>
    void engine.runParsed('call.cancel', { callId }).catch(() => undefined);
  spec.signal?.addEventListener('abort', cancel, { once: true });
  let inputError: unknown;
  if (spec.stdin) {
    // Not awaited: stdin may stay open after the server has ended the call.
    sendStdinMessages(engine, callId, spec.stdin, () => ended).catch((error: unknown) => {
      inputError = error;
      cancel();
    });
  }
  try {
    await done;
  } finally {
    spec.signal?.removeEventListener('abort', cancel);
    unwatch();
    await engine.runParsed('call.release', { callId }).catch(() => undefined);
  }
  if (inputError !== undefined) throw inputError;
  return { ...(status ? { status } : {}), interrupted: spec.signal?.aborted === true };
}

/**
 * Sends each JSON message as soon as stdin completes it (a terminal user types them one by one)
 * and half-closes at end of input, as grpcurl does. Each send waits while the call has much
 * queued for the wire (a file is read only as fast as the server takes it: memory stays flat).
 * Stops quietly once the call has ended; a message that does not fit the type is a usage error
 * naming it; input that breaks off is one saying where, after the messages before it were sent.
 */
async function sendStdinMessages(
  engine: CliEngine,
  callId: string,
  input: AsyncIterable<string | Uint8Array>,
  callEnded: () => boolean,
): Promise<void> {
  const reader = new JsonStreamReader();
  const decoder = new TextDecoder();
  let count = 0;
  const send = async (values: JsonValue[]): Promise<void> => {
    for (const message of values) {
      if (callEnded()) return;
      count++;
      try {
        // A message that passes the plain check is not checked again (zod, per message).
        await (isPlainMessage(message)
          ? engine.runParsed('call.send', { callId, message })
          : engine.run('call.send', { callId, message }));
      } catch (error) {
        if (error instanceof CommandError && error.code === 'codec_error')
          throw new UsageError(`-d message ${count}: ${error.message}`, { cause: error });
        if (callEnded()) return; // the call ended meanwhile
        throw error;
      }
    }
  };
  try {
    for await (const chunk of input) {
      if (callEnded()) return;
      await send(
        reader.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })),
      );
    }
    await send(reader.push(decoder.decode()));
    await send(reader.end());
  } catch (error) {
    if (error instanceof JsonStreamError) throw brokenInput(error, count);
    throw error;
  }
  if (!callEnded()) await engine.runParsed('call.halfClose', { callId }).catch(() => undefined);
}

/** -d @ that is not JSON after `sent` messages: which message, and where in the input. */
function brokenInput(error: JsonStreamError, sent: number): UsageError {
  const byte = error.byte === undefined ? '' : ` (byte ${error.byte})`;
  if (!error.ranOut) {
    return new UsageError(
      `-d @ is not valid JSON in message ${sent + 1}: ${error.message}${byte}`,
      {
        cause: error,
      },
    );
  }
  const before =
    sent === 0
      ? 'nothing was sent'
      : `the ${sent === 1 ? 'message' : `${sent} messages`} before it ${sent === 1 ? 'was' : 'were'} sent, then the call was cancelled`;
  return new UsageError(
    `-d @: message ${sent + 1} is cut short: the input ends at line ${error.line}, column ${error.column}${byte}; ${before}`,
    { cause: error },
  );
}
