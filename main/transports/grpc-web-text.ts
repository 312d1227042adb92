// gRPC-Web's text encoding (application/grpc-web-text): the same frames as binary gRPC-Web, the
// body base64. connect-es's gRPC-Web transport speaks binary only (its request-header.ts: "we do
// not support the grpc-web-text format"), so this wraps the HTTP client under it: the request body
// goes out as one base64 text, the answer's base64 is decoded as it streams in, and the transport
// above sees binary gRPC-Web both ways. A server may answer each chunk as its own padded base64
// (the spec allows it, Envoy does it), so the decoder takes padding in the middle of the body.
import type {
  UniversalClientFn,
  UniversalClientRequest,
  UniversalClientResponse,
} from '@connectrpc/connect/protocol';

const BINARY_TYPE = /^application\/grpc-web(\+proto)?$/i;
const TEXT_TYPE = /^application\/grpc-web-text(\+proto)?$/i;
export const TEXT_CONTENT_TYPE = 'application/grpc-web-text+proto';
const BINARY_CONTENT_TYPE = 'application/grpc-web+proto';

/** An HTTP client that speaks grpc-web-text on the wire and binary gRPC-Web to its caller. */
export function grpcWebTextClient(inner: UniversalClientFn): UniversalClientFn {
  return async (request) => fromText(await inner(toText(request)));
}

function toText(request: UniversalClientRequest): UniversalClientRequest {
  const header = new Headers(request.header);
  const type = header.get('content-type') ?? '';
  if (!BINARY_TYPE.test(type)) return request;
  header.set('content-type', TEXT_CONTENT_TYPE);
  header.set('accept', TEXT_CONTENT_TYPE);
  const out: UniversalClientRequest = { ...request, header };
  if (request.body) out.body = base64Encoded(request.body);
  return out;
}

function fromText(response: UniversalClientResponse): UniversalClientResponse {
  const type = response.header.get('content-type') ?? '';
  // A server may answer binary (or an HTTP error page): that goes up as it came.
  if (!TEXT_TYPE.test(type)) return response;
  const header = new Headers(response.header);
  header.set('content-type', BINARY_CONTENT_TYPE);
  return { ...response, header, body: base64Decoded(response.body) };
}

/** Base64 of the whole stream as one text: three bytes in, four characters out, padding at the end. */
export async function* base64Encoded(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  let carry = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = carry.length === 0 ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
    const whole = bytes.length - (bytes.length % 3);
    carry = bytes.subarray(whole);
    if (whole > 0) yield Buffer.from(bytes.subarray(0, whole).toString('base64'), 'latin1');
  }
  if (carry.length > 0) yield Buffer.from(carry.toString('base64'), 'latin1');
}

/** Decodes base64 as it streams in, whatever the chunk boundaries and wherever padding falls. */
export async function* base64Decoded(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  let pending = '';
  for await (const chunk of chunks) {
    const text = pending + Buffer.from(chunk).toString('latin1').replace(/[\s]/g, '');
    const whole = text.length - (text.length % 4);
    pending = text.slice(whole);
    if (whole > 0) yield decodeGroups(text.slice(0, whole));
  }
  if (pending !== '')
    throw new Error(
      `grpc-web-text: the response ends inside a base64 group (${pending.length} of 4 characters)`,
    );
}

const BASE64_RUN = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Whole four-character groups; a group with padding ends one base64 text and the next begins
 * after it (Node's decoder would stop at the first `=`).
 */
function decodeGroups(text: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  while (start < text.length) {
    const pad = text.indexOf('=', start);
    const end = pad === -1 ? text.length : (Math.floor(pad / 4) + 1) * 4;
    const run = text.slice(start, end);
    if (!BASE64_RUN.test(run))
      throw new Error('grpc-web-text: the response body is not base64 (gRPC-Web text encoding)');
    parts.push(Buffer.from(run, 'base64'));
    start = end;
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}
