import type { JsonValue } from '../../../shared/calls/events.js';
import { CallStateError, type CallSession } from '../../../main/calls/index.js';
import { CodecError } from '../../../main/codec/index.js';
import { JsonStreamError, JsonStreamReader } from '../../../shared/grpcurl/json-stream.js';
import { UsageError } from '../usage-error.js';

/**
 * `-d @` on a client or bidi stream: sends each JSON message as soon as stdin completes it (a
 * terminal user types them one by one), and half-closes at end of input, as grpcurl does. Stops
 * quietly once the call has ended; a message that does not fit the type is a UsageError.
 */
export async function pumpStdinMessages(
  input: AsyncIterable<string | Uint8Array>,
  session: CallSession,
  callEnded: () => boolean,
): Promise<void> {
  const reader = new JsonStreamReader();
  const decoder = new TextDecoder();
  let count = 0;
  const send = (values: JsonValue[]): void => {
    for (const value of values) {
      if (callEnded()) return;
      count++;
      try {
        session.send(value);
      } catch (error) {
        if (error instanceof CodecError)
          throw new UsageError(`-d message ${count}: ${error.message}`);
        if (error instanceof CallStateError) return; // the call ended meanwhile
        throw error;
      }
    }
  };
  try {
    for await (const chunk of input) {
      if (callEnded()) return;
      send(
        reader.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })),
      );
    }
    send(reader.push(decoder.decode()));
    send(reader.end());
  } catch (error) {
    if (error instanceof JsonStreamError) {
      throw new UsageError(`-d is not valid JSON: ${error.message}`);
    }
    throw error;
  }
  if (!callEnded()) session.halfClose();
}
