import { fileOfSymbol } from '../../../main/schema/schema-out.js';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import type { CliIo } from '../io.js';
import { writeSchemaOut, type SchemaOutTargets } from '../schema-out.js';
import type { CliSchema, ServiceList } from '../schema-source.js';
import { UsageError } from '../usage-error.js';

/**
 * `list`: services one per line, or `list SERVICE`: its methods as Service.Method. The names alone
 * (a ServiceList) do for the first when nothing is written with them (-protoset-out, …). As
 * grpcurl's ListServices and ListMethods: both sorted (Go's sort.Strings), and `(No services)` /
 * `(No methods)` on stdout when there is nothing to list, whatever the schema's source.
 */
export function runList(
  cli: CliSchema | ServiceList,
  service: string | undefined,
  io: CliIo,
  out: SchemaOutTargets = {},
): number {
  if (service === undefined) {
    writeNames(io, [...cli.services].sort(byBytes), '(No services)');
    if (!('schema' in cli)) return 0;
    const files = cli.services.flatMap((name) => fileOfSymbol(cli.schema.registry, name) ?? []);
    writeSchemaOut(out, cli.schema, files);
    return 0;
  }
  // An invariant (browse loads the whole schema for `list SERVICE`), never the user's input.
  if (!('schema' in cli))
    throw new WorkbenchError('internal', `list ${service}: the schema was not loaded`);
  const { registry } = cli.schema;
  const name = service.startsWith('.') ? service.slice(1) : service;
  const desc = registry.getService(name);
  if (!desc) {
    const listed = cli.services.includes(name);
    throw new UsageError(
      listed
        ? `service ${name} is listed by the server but its descriptor is not available`
        : `service ${name} not found (known: ${cli.services.join(', ') || 'none'})`,
    );
  }
  const methods = desc.methods.map((method) => `${desc.typeName}.${method.name}`);
  writeNames(io, methods.sort(byBytes), '(No methods)');
  writeSchemaOut(out, cli.schema, [desc.file.proto.name]);
  return 0;
}

/** Go's sort.Strings order (bytes; names are ASCII, so UTF-16 code units compare the same). */
const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function writeNames(io: CliIo, names: readonly string[], none: string): void {
  io.stdout.write(names.length === 0 ? `${none}\n` : names.map((name) => `${name}\n`).join(''));
}
