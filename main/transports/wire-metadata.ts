// gRPC metadata ↔ HTTP headers for the Connect transports. A session speaks grpc-js's Metadata on
// both sides of the seam (main/calls/call-types.ts WireCall), so the events it logs are built the
// same way whatever the protocol. Headers that belong to the protocol itself (content type,
// encodings, gRPC-Web's status trailers, HTTP's own) are left out, as grpc-js leaves them out.
import * as grpc from '@grpc/grpc-js';

const PROTOCOL_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'accept-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'vary',
  'grpc-status',
  'grpc-message',
  'grpc-encoding',
  'grpc-accept-encoding',
  'grpc-status-details-bin',
  'connect-content-encoding',
  'connect-accept-encoding',
  'connect-protocol-version',
  'connect-timeout-ms',
  'user-agent',
  'x-user-agent',
  'x-grpc-web',
  'host',
  'te',
  'accept',
  'grpc-timeout',
]);

/** The request's metadata as HTTP headers (`-bin` values base64, as gRPC sends them). */
export function headersOf(metadata: grpc.Metadata): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    for (const value of values)
      headers.append(key, typeof value === 'string' ? value : value.toString('base64'));
  }
  return headers;
}

/** The headers without the protocol's own (what a gateway hands on between protocols). */
export function withoutProtocolHeaders(headers: Headers): Headers {
  const out = new Headers();
  headers.forEach((value, key) => {
    if (!isProtocolHeader(key)) out.append(key, value);
  });
  return out;
}

function isProtocolHeader(key: string): boolean {
  return (
    PROTOCOL_HEADERS.has(key) || key.startsWith('access-control-') || key.startsWith('trailer-')
  );
}

/**
 * Response headers or trailers as gRPC metadata, without the protocol's own; `except` leaves out
 * what the headers already said (Connect repeats the headers in an error's metadata).
 */
export function metadataOf(headers: Headers, except?: Headers): grpc.Metadata {
  const metadata = new grpc.Metadata();
  headers.forEach((value, key) => {
    if (isProtocolHeader(key) || except?.get(key) === value) return;
    if (key.endsWith('-bin')) {
      for (const part of value.split(',')) metadata.add(key, Buffer.from(part.trim(), 'base64'));
    } else metadata.add(key, value);
  });
  return metadata;
}
