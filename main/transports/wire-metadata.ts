// gRPC metadata ↔ HTTP headers for the Connect transports. A session speaks grpc-js's Metadata on
// both sides of the seam (main/calls/call-types.ts WireCall), so the events it logs are built the
// same way whatever the protocol. Headers that belong to the protocol itself (content type,
// encodings, gRPC-Web's status trailers, HTTP's own) are left out, as grpc-js leaves them out.
import * as grpc from '@grpc/grpc-js';
import type { OutgoingHttpHeaders } from 'node:http2';
import { fromGrpcMetadata } from '../metadata/index.js';

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

/**
 * Metadata as HTTP headers (`-bin` values base64, as gRPC sends them): a request's, or what the
 * gateway hands back. Read as the call's events read it (fromGrpcMetadata), so a header named
 * `__proto__` is sent as the started event says, not lost in a plain object on the way.
 */
export function headersOf(metadata: grpc.Metadata): Headers {
  const headers = new Headers();
  for (const { key, value } of fromGrpcMetadata(metadata)) headers.append(key, value);
  return headers;
}

/**
 * `headers` as connect-node's Http2SessionManager.request can take them: it copies them into a
 * plain object (`Object.assign({}, headers)`), where a header named `__proto__` sets the copy's
 * prototype and is lost. Node lowercases HTTP/2 header names as it sends them, so the name in
 * capitals survives the copy and still goes out as `__proto__`.
 */
export function withProtoHeaderKept(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  if (!Object.hasOwn(headers, '__proto__')) return headers;
  const out = Object.create(null) as OutgoingHttpHeaders;
  for (const key of Object.keys(headers))
    out[key === '__proto__' ? '__PROTO__' : key] = headers[key];
  return out;
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
