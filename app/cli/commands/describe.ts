import { messageTemplate } from '../../../main/codec/message-template.js';
import { describeText, findSymbol } from '../describe-text.js';
import { formatMessage } from '../../../main/output/grpcurl-format.js';
import type { CliIo } from '../io.js';
import type { CliSchema } from '../schema-source.js';
import { grpcurlTemplateMessage } from '../../../main/codec/text-format/grpcurl-template.js';
import { printText } from '../../../main/codec/text-format/print-text.js';
import { fileOfSymbol } from '../../../main/schema/schema-out.js';
import { writeSchemaOut, type SchemaOutTargets } from '../schema-out.js';
import { UsageError } from '../usage-error.js';

/**
 * `describe [SYMBOL]`: the symbol (or every listed service) in .proto syntax; with -msg-template a
 * message also gets an example JSON body.
 */
export function runDescribe(
  cli: CliSchema,
  symbol: string | undefined,
  msgTemplate: boolean,
  io: CliIo,
  /** -format: the template's form (json, or text as grpcurl prints text). */
  format = 'json',
  out: SchemaOutTargets = {},
): number {
  const { registry } = cli.schema;
  if (symbol === undefined) {
    if (cli.services.length === 0)
      io.stdout.write('Server returned an empty list of exposed services\n');
    let missing = 0;
    for (const name of cli.listedOrder ?? cli.services) {
      const found = findSymbol(registry, name);
      if (!found) {
        // Reflection servers often list services (reflection itself) whose files they do not serve.
        io.stderr.write(
          `gwb: ${name}: the server lists this service but did not send its descriptor\n`,
        );
        missing++;
        continue;
      }
      io.stdout.write(`${describeText(found, registry)}\n`);
    }
    const files = (cli.listedOrder ?? cli.services).flatMap(
      (name) => fileOfSymbol(registry, name) ?? [],
    );
    writeSchemaOut(out, cli.schema, files);
    return missing > 0 && missing === cli.services.length ? 1 : 0;
  }
  const found = findSymbol(registry, symbol);
  if (!found) throw new UsageError(`symbol ${symbol} not found in the schema`);
  io.stdout.write(`${describeText(found, registry)}\n`);
  if (msgTemplate && found.kind === 'message') {
    const shown =
      format === 'text'
        ? printText(found.desc, grpcurlTemplateMessage(found.desc))
        : formatMessage(messageTemplate(registry, found.desc.typeName, 'grpcurl'));
    io.stdout.write(`\nMessage template:\n${shown}\n`);
  }
  const file = fileOfSymbol(registry, symbol);
  writeSchemaOut(out, cli.schema, file ? [file] : []);
  return 0;
}
