// What both exports share: the request's sent metadata, the method as k6 and ghz name it, and the
// settings neither tool can carry, refused with the field that holds them.
import { CommandError } from '../../shared/contract/errors.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { protocolName } from '../../shared/request/protocol-kinds.js';
import { sentMetadata as sentRows } from '../../shared/request/sent-metadata.js';

export type ExportTool = 'k6' | 'ghz';

export function refuse(field: string, why: string): never {
  throw new CommandError('invalid_input', `${field}: ${why}`, { field });
}

/** `package.Service/Method`, as both tools take it (the document may write a leading slash). */
export function methodName(request: RequestDocument): string {
  return request.method.replace(/^\//, '');
}

/**
 * The rows a call sends (sent-metadata.ts) as one object; a repeated key keeps its last value, as
 * k6 does. Built by fromEntries, which defines its keys: a row named `__proto__` stays a key (an
 * assignment set the object's prototype, and the row was missing from the export).
 */
export function sentMetadata(request: RequestDocument): Record<string, string> {
  return Object.fromEntries(sentRows(request.metadata).map(({ key, value }) => [key, value]));
}

export function checkExportable(request: RequestDocument, tool: ExportTool): void {
  const protocol = request.connection.protocol;
  if (protocol && protocol.kind !== 'grpc')
    refuse(
      'connection.protocol',
      `${tool} speaks gRPC; this request is set to ${protocolName(protocol)}`,
    );
  if (request.connection.unix) refuse('connection.unix', `${tool} export needs host:port`);
  const proxy = request.connection.proxy;
  if (proxy && proxy !== 'none') refuse('connection.proxy', `${tool} has no proxy setting`);
}
