// gwb's own -protocol, -protocol-format and -http1 (grpcurl speaks gRPC only): the three give one
// connection.protocol, built when -protocol is applied (the table applies flags in its order and
// hands each the whole line). A format that is not the protocol's own is left for the document's
// check, which names the flags.
import type { Protocol } from '../request/connection.js';
import type { RequestDocument } from '../request/document.js';
import type { GrpcurlFlags } from './flag-types.js';

export const PROTOCOL_CHOICES = ['grpc', 'grpcweb', 'connect'] as const;
export const PROTOCOL_FORMATS = ['binary', 'text', 'json'] as const;

export function withProtocol(
  doc: RequestDocument,
  name: string,
  flags: GrpcurlFlags,
): RequestDocument {
  const { protocol: _old, ...connection } = doc.connection;
  if (name === 'grpc') return { ...doc, connection };
  const format = flags['protocol-format'];
  const http = flags.http1 ? { httpVersion: '1.1' as const } : {};
  const protocol = (
    name === 'grpcweb'
      ? { kind: 'grpcweb', ...(format !== undefined ? { encoding: format } : {}), ...http }
      : { kind: 'connect', ...(format !== undefined ? { codec: format } : {}), ...http }
  ) as Protocol;
  return { ...doc, connection: { ...connection, protocol } };
}
