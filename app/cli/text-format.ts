// `-format text`: requests read and responses printed in the protobuf text format, as grpcurl does.
// Messages travel through the engine as proto3 JSON (the request document's form); this converts
// at the edges, with the schema's own registry.
import { fromBinary, toJson, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { fromText } from '@bufbuild/protobuf/txtpb';
import type { JsonValue } from '../../shared/calls/events.js';
import { messageFromJson } from '../../main/codec/text-format/message-from-json.js';
import { printText } from '../../main/codec/text-format/print-text.js';
import { UsageError } from './usage-error.js';

/** grpcurl separates text-format messages, in input and output, with an ASCII record separator. */
export const TEXT_SEPARATOR = '\x1e';

function messageType(registry: Registry, typeName: string): DescMessage {
  const desc = registry.getMessage(typeName);
  if (!desc) throw new UsageError(`message type ${typeName} is not in the schema`);
  return desc;
}

/**
 * -d (or stdin) in text format: messages separated by `\x1e`, each read as `typeName` and handed on
 * as proto3 JSON. As in grpcurl every piece is a message, a blank one an empty message (so `-d ''`
 * is one empty message); an error names the message and the problem.
 */
export function textRequestMessages(
  registry: Registry,
  typeName: string,
  text: string,
): JsonValue[] {
  const desc = messageType(registry, typeName);
  const pieces = text.split(TEXT_SEPARATOR);
  return pieces.map((piece, i) => {
    try {
      const message = fromText(desc, piece, { registry });
      return toJson(desc, message, { registry }) as JsonValue;
    } catch (error) {
      const where = pieces.length > 1 ? `-d message ${i + 1}` : '-d';
      throw new UsageError(
        `${where} is not valid text format for ${typeName}: ${errorText(error)}`,
        {
          cause: error,
        },
      );
    }
  });
}

/**
 * Prints messages of `typeName` in grpcurl's text format: from their encoded bytes (base64) when
 * given, so every Any is printed raw with the bytes as they came, as grpcurl prints it; else from
 * proto3 JSON, where an Any of a type the schema lacks (grpcurl's @error/@type/@value object) is
 * read back into the Any as it arrived.
 */
export function textPrinter(
  registry: Registry,
  typeName: string,
): (message: JsonValue, raw?: string) => string {
  const desc = messageType(registry, typeName);
  return (message, raw) =>
    printText(
      desc,
      raw === undefined
        ? messageFromJson(desc, message, registry)
        : fromBinary(desc, Buffer.from(raw, 'base64')),
    );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
