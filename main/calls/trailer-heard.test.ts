// An UNAVAILABLE status the server itself sent keeps its words; only one grpc-js made up for a
// server it never reached becomes "failed to connect to …". A trailers-only answer (one HEADERS
// frame that ends the stream: grpc-js reports no headers, only the status and its trailers) is
// heard from the server as soon as it holds any trailer — also one named `__proto__`, which a
// plain object built from the trailers (Metadata.getMap) loses (review 27 NIT-5). The answers
// here carry no content-type (a trailer like any other to grpc-js), so the one trailer is all
// that says a server was there (node:http2's own date header is left out too).
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCodec } from '../../test/interop/codec.js';
import { startRawH2Server, type RawH2Server } from '../../test/interop/raw-h2-server.js';
import { startCall } from './index.js';

/** Words grpc-js uses for a server it could not reach: a status the server sends may hold them. */
const UNREACHED_WORDS = 'No connection established. Last error: connect ECONNREFUSED 10.0.0.9:81';

/** A trailers-only UNAVAILABLE with those words and one trailer named `trailer`. */
function unavailableWith(trailer: string): Record<string, string | number> {
  // Null prototype: `__proto__` is then a key like any other, as node:http2 gives a server's.
  const headers = Object.create(null) as Record<string, string | number>;
  Object.assign(headers, { ':status': 200, 'grpc-status': '14', 'grpc-message': UNREACHED_WORDS });
  headers[trailer] = 'from-the-server';
  return headers;
}

/**
 * Ends the stream with the headers; without node:http2's own `date` (respond's sendDate, as the
 * compat API's res.sendDate: not in its types). The test checks it was left out.
 */
const TRAILERS_ONLY = { endStream: true, sendDate: false };

let raw: RawH2Server;
const clients: grpc.Client[] = [];

beforeAll(async () => {
  raw = await startRawH2Server({
    '/t.S/PlainTrailer': (stream) => stream.respond(unavailableWith('x-why'), TRAILERS_ONLY),
    '/t.S/ProtoTrailer': (stream) => stream.respond(unavailableWith('__proto__'), TRAILERS_ONLY),
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await raw?.close();
});

async function statusOf(method: string) {
  const client = new grpc.Client(raw.address, grpc.credentials.createInsecure());
  clients.push(client);
  const session = startCall({
    client,
    path: `/t.S/${method}`,
    kind: 'unary',
    target: raw.address,
    requestCodec: testCodec('grpc.testing.Empty'),
    responseCodec: testCodec('grpc.testing.Empty'),
    messages: [{}],
    deadlineMs: 5_000,
  });
  const status = await session.done;
  const trailers = session.events.flatMap((e) => (e.type === 'trailers' ? e.metadata : []));
  return { status, trailerKeys: trailers.map((entry) => entry.key) };
}

describe('a trailers-only UNAVAILABLE from the server', () => {
  it.each(['PlainTrailer', 'ProtoTrailer'])('keeps its own message (%s)', async (method) => {
    const { status, trailerKeys } = await statusOf(method);
    expect(trailerKeys).toEqual([method === 'PlainTrailer' ? 'x-why' : '__proto__']);
    expect(status).toMatchObject({ code: 14, message: UNREACHED_WORDS });
    expect(status.failure).toBeUndefined();
  });
});
