// A saved request as a ghz JSON config (`ghz --config FILE`), so a run can move to ghz without
// writing it again. ghz carries every call kind: a stream's messages are its `data` array. A
// config file has no way to read a secret at run time, so a request that uses one is refused
// rather than writing the secret's value into the file.
import type { JsonValue } from '../../shared/calls/events.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { checkExportable, methodName, refuse, sentMetadata } from './export-checks.js';
import { secretNames } from './js-literal.js';

export interface GhzSettings {
  total?: number;
  concurrency?: number;
}

export type GhzConfig = Record<string, JsonValue>;

function schemaFields(request: RequestDocument): GhzConfig {
  const schema = request.schema;
  if (!schema || schema.kind === 'reflection') return {};
  if (schema.kind === 'descriptorSet') {
    if (schema.files.length > 1) refuse('schema.files', 'ghz takes one -protoset file');
    return { protoset: schema.files[0] as string };
  }
  if (schema.files.length > 1) refuse('schema.files', 'ghz takes one -proto file');
  return {
    proto: schema.files[0] as string,
    ...(schema.importPaths.length > 0 ? { 'import-paths': schema.importPaths } : {}),
  };
}

function securityFields(request: RequestDocument): GhzConfig {
  const security = request.connection.security;
  if (security.kind === 'plaintext') return { insecure: true };
  return {
    ...(security.caFile ? { cacert: security.caFile } : {}),
    ...(security.certFile ? { cert: security.certFile } : {}),
    ...(security.keyFile ? { key: security.keyFile } : {}),
    ...(security.serverName ? { cname: security.serverName } : {}),
    ...(security.skipVerify ? { skipTLS: true } : {}),
  };
}

export function ghzConfig(request: RequestDocument, settings: GhzSettings = {}): GhzConfig {
  checkExportable(request, 'ghz');
  const metadata = sentMetadata(request);
  const data: JsonValue =
    request.messages.length === 1 ? (request.messages[0] ?? {}) : [...request.messages];
  for (const [field, value] of [
    ['connection.address', request.connection.address],
    ['metadata', metadata],
    ['messages', data],
  ] as const) {
    const secrets = secretNames(value);
    if (secrets.length > 0)
      refuse(
        field,
        `uses the secret ${secrets.map((s) => `{{${s}}}`).join(', ')}; a ghz config cannot read it at run time and gwb does not write secrets into files (the k6 export reads them from the environment)`,
      );
  }
  return {
    call: methodName(request),
    host: request.connection.address,
    ...schemaFields(request),
    ...securityFields(request),
    total: settings.total ?? 200,
    concurrency: settings.concurrency ?? 50,
    data,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    ...(request.deadlineMs !== undefined ? { timeout: `${request.deadlineMs}ms` } : {}),
  };
}
