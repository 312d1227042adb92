// A saved request as a k6 script (k6's `k6/net/grpc` module), so a run can move to k6's
// distributed runners without writing the request again. Unary calls only: k6's invoke. Files
// (protos, TLS) stay paths, relative to where `k6 run` starts (k6 reads them with `open` and
// `client.load` at init); secrets are read from the environment (`k6 run -e NAME=…`).
import type { JsonValue } from '../../shared/calls/events.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { checkExportable, methodName, refuse, sentMetadata } from './export-checks.js';
import { jsSource, secretNames, stringSource } from './js-literal.js';

export interface K6Settings {
  vus?: number;
  duration?: string;
}

function loadSchema(request: RequestDocument): string[] {
  const schema = request.schema;
  if (!schema || schema.kind === 'reflection') return [];
  if (schema.kind === 'descriptorSet')
    return schema.files.map((f) => `client.loadProtoset(${JSON.stringify(f)});`);
  return [
    `client.load(${JSON.stringify(schema.importPaths)}, ${schema.files.map((f) => JSON.stringify(f)).join(', ')});`,
  ];
}

function connectParams(request: RequestDocument): string {
  const security = request.connection.security;
  const reflect = !request.schema || request.schema.kind === 'reflection';
  const params = [
    `plaintext: ${security.kind === 'plaintext'}`,
    ...(reflect ? ['reflect: true'] : []),
  ];
  if (security.kind === 'tls') {
    if (security.serverName !== undefined)
      refuse('connection.security.serverName', 'k6 has no setting for the server name it checks');
    const { certFile, keyFile, caFile } = security;
    // k6's connect tls (as @types/k6 types it) needs a client certificate and key together.
    if ((certFile === undefined) !== (keyFile === undefined) || (caFile && !certFile))
      refuse(
        'connection.security',
        "k6's connect tls takes a CA only together with a client certificate and key",
      );
    if (certFile && keyFile)
      params.push(
        `tls: { cert: open(${JSON.stringify(certFile)}), key: open(${JSON.stringify(keyFile)})${caFile ? `, cacerts: open(${JSON.stringify(caFile)})` : ''} }`,
      );
  }
  return `{ ${params.join(', ')} }`;
}

export function k6Script(request: RequestDocument, settings: K6Settings = {}): string {
  checkExportable(request, 'k6');
  const method = methodName(request);
  if (request.messages.length > 1)
    refuse(
      'messages',
      `k6 export makes unary calls (one message); this request has ${request.messages.length}`,
    );
  const data: JsonValue = request.messages[0] ?? {};
  const metadata = sentMetadata(request);
  const secrets = secretNames([data, metadata, request.connection.address]);
  const skipVerify =
    request.connection.security.kind === 'tls' && request.connection.security.skipVerify;
  const options = [
    `vus: ${settings.vus ?? 1}`,
    `duration: ${JSON.stringify(settings.duration ?? '10s')}`,
    ...(skipVerify ? ['insecureSkipTLSVerify: true'] : []),
  ];
  const callParams = [
    `metadata: ${jsSource(metadata, '    ')}`,
    ...(request.deadlineMs !== undefined
      ? [`timeout: ${JSON.stringify(`${request.deadlineMs}ms`)}`]
      : []),
  ];
  return `// k6 load script for ${JSON.stringify(request.name ?? method)} (${method}), exported by gwb.
// Its files (protos, TLS) are the request's paths, relative to its workspace: save it there.
// Run: k6 run${secrets.map((s) => ` -e ${s}=…`).join('')} script.js
import grpc from 'k6/net/grpc';
import { check } from 'k6';

export const options = { ${options.join(', ')} };

const client = new grpc.Client();
${loadSchema(request).join('\n')}

export default function () {
  if (__ITER === 0) client.connect(${stringSource(request.connection.address)}, ${connectParams(request)});
  const response = client.invoke(${JSON.stringify(method)}, ${jsSource(data, '  ')}, {
    ${callParams.join(',\n    ')},
  });
  check(response, { 'status is OK': (r) => r.status === grpc.StatusOK });
}
`;
}
