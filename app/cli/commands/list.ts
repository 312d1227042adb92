import type { CliIo } from '../io.js';
import type { CliSchema } from '../schema-source.js';
import { UsageError } from '../usage-error.js';

/** `list`: services one per line, or `list SERVICE`: its methods as Service.Method. */
export function runList(cli: CliSchema, service: string | undefined, io: CliIo): number {
  if (service === undefined) {
    for (const name of cli.services) io.stdout.write(`${name}\n`);
    return 0;
  }
  const name = service.startsWith('.') ? service.slice(1) : service;
  const desc = cli.schema.registry.getService(name);
  if (!desc) {
    const listed = cli.services.includes(name);
    throw new UsageError(
      listed
        ? `service ${name} is listed by the server but its descriptor is not available`
        : `service ${name} not found (known: ${cli.services.join(', ') || 'none'})`,
    );
  }
  for (const method of desc.methods) io.stdout.write(`${desc.typeName}.${method.name}\n`);
  return 0;
}
