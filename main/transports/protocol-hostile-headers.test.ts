// Headers named like what every object has (`__proto__`, `constructor`) over Connect and gRPC-Web.
// headersOf read grpc-js's Metadata through toJSON(), a plain object, where `__proto__` set the
// prototype instead of a key: such a request header never left (while the started event listed it
// as sent), and the gateway (connect-gateway.ts) never handed such a response header back.
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent, MetadataEntry } from '../../shared/calls/events.js';
import type { Protocol } from '../../shared/request/connection.js';
import {
  frame,
  OK_HEADERS,
  startRawH2Server,
  type RawH2Server,
} from '../../test/interop/raw-h2-server.js';
import { callResultFromLog } from '../checks/call-result.js';
import { DEMO_SERVICES } from '../demo/demo-server.js';
import { demoRequest } from '../engine/engine.testkit.js';
import { startTestGateway, type TestGateway } from './gateway.testkit.js';
import { useProtocolEngineKit } from './protocol-suite.testkit.js';
import { demoRegistry } from './protocols.testkit.js';

const PATH = '/example.UserService/GetUser';
const PROTOCOLS: [string, Protocol][] = [
  ['Connect (HTTP/2)', { kind: 'connect' }],
  ['gRPC-Web (HTTP/2)', { kind: 'grpcweb' }],
  ['Connect (HTTP/1.1)', { kind: 'connect', httpVersion: '1.1' }],
  ['gRPC-Web (HTTP/1.1)', { kind: 'grpcweb', httpVersion: '1.1' }],
];

const shared = useProtocolEngineKit();

/**
 * A bare server answering GetUser (an empty User) in Connect or gRPC-Web, over h2c or HTTP/1.1;
 * keeps each request's headers as they came on the wire (rawHeaders: Node's HTTP/1.1 header
 * object is a plain one, where `__proto__` would be lost on this side).
 */
interface BareServer {
  address: string;
  received: Map<string, string>[];
  close(): Promise<void>;
}

type BareRequest = http.IncomingMessage | http2.Http2ServerRequest;
type BareResponse = http.ServerResponse | http2.Http2ServerResponse;

function answerGetUser(received: Map<string, string>[]) {
  return (req: BareRequest, res: BareResponse) => {
    const headers = new Map<string, string>();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
      headers.set(req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!);
    received.push(headers);
    req.resume();
    req.on('end', () => {
      if (String(headers.get('content-type')).startsWith('application/grpc-web')) {
        const trailers = frame(Buffer.from('grpc-status: 0\r\n'));
        trailers[0] = 0x80;
        res.writeHead(200, { 'content-type': 'application/grpc-web+proto' });
        res.end(Buffer.concat([frame(new Uint8Array()), trailers]));
      } else {
        res.writeHead(200, { 'content-type': 'application/proto' });
        res.end();
      }
    });
  };
}

async function startBareServer(httpVersion: '1.1' | '2'): Promise<BareServer> {
  const received: Map<string, string>[] = [];
  const handler = answerGetUser(received);
  const server =
    httpVersion === '2'
      ? http2.createServer(handler as never)
      : http.createServer(handler as never);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** `{ __proto__: value }` as an own key: an object literal would set the prototype. */
function withProtoKey(value: string, rest: Record<string, string | number>) {
  const headers = Object.create(null) as Record<string, string | number>;
  Object.assign(headers, rest);
  headers['__proto__'] = value;
  return headers;
}

let bare: Record<'1.1' | '2', BareServer>;
let upstream: RawH2Server;
let gateway: TestGateway;

beforeAll(async () => {
  bare = { '2': await startBareServer('2'), '1.1': await startBareServer('1.1') };
  // grpc-js's own server cannot send `__proto__` (it copies metadata into plain objects): a bare
  // gRPC server behind the gateway sends it, as any gRPC server may.
  upstream = await startRawH2Server({
    [PATH]: (stream) => {
      stream.respond(withProtoKey('h-proto', { ...OK_HEADERS, constructor: 'h-constructor' }), {
        waitForTrailers: true,
      });
      stream.write(frame(new Uint8Array()));
      stream.on('wantTrailers', () =>
        stream.sendTrailers(withProtoKey('t-proto', { 'grpc-status': '0', constructor: 't-c' })),
      );
      stream.end();
    },
  });
  gateway = await startTestGateway({
    upstream: upstream.address,
    registry: demoRegistry(),
    services: DEMO_SERVICES,
  });
});

afterAll(async () => {
  await Promise.all([
    bare?.['2'].close(),
    bare?.['1.1'].close(),
    upstream?.close(),
    gateway?.close(),
  ]);
});

async function callOver(
  address: string,
  protocol: Protocol,
  metadata: MetadataEntry[] = [],
): Promise<CallEvent[]> {
  const doc = demoRequest(address, PATH, [{ id: '1' }], {
    metadata: metadata.map((entry) => ({ ...entry, enabled: true })),
  });
  doc.connection = { ...doc.connection, protocol };
  return shared.run(doc);
}

const httpVersionOf = (protocol: Protocol) =>
  protocol.kind !== 'grpc' && protocol.httpVersion === '1.1' ? '1.1' : '2';

const keyed = (entries: readonly MetadataEntry[]) =>
  entries.map(({ key, value }) => `${key}=${value}`);

describe.each(PROTOCOLS)(
  'over %s, request headers named __proto__ and constructor',
  (_name, protocol) => {
    it('are sent by the request as its started event says', async () => {
      const server = bare[httpVersionOf(protocol)];
      const before = server.received.length;
      const events = await callOver(server.address, protocol, [
        { key: '__proto__', value: 's-proto' },
        { key: 'constructor', value: 's-constructor' },
      ]);
      expect(callResultFromLog(events).status?.code).toBe(0);
      const started = events.find((e) => e.type === 'started');
      const sent = started?.type === 'started' ? (started.metadata ?? []) : [];
      expect(keyed(sent)).toEqual(
        expect.arrayContaining(['__proto__=s-proto', 'constructor=s-constructor']),
      );
      const received = server.received.slice(before);
      expect(received).toHaveLength(1);
      expect(received[0]!.get('__proto__')).toBe('s-proto');
      expect(received[0]!.get('constructor')).toBe('s-constructor');
    });
  },
);

// Over HTTP/1.1 the gateway sends them too, but Node's HTTP/1.1 client keeps a response's headers in
// a plain object (res.headers), which connect-node reads: `__proto__` is lost there, not in gwb.
describe.each(PROTOCOLS.filter(([, protocol]) => httpVersionOf(protocol) === '2'))(
  'over %s, response headers named __proto__ and constructor',
  (_name, protocol) => {
    it('are handed back by the gateway from the gRPC server behind it', async () => {
      const result = callResultFromLog(await callOver(`127.0.0.1:${gateway.port}`, protocol));
      expect(result.status?.code).toBe(0);
      expect(keyed(result.headers)).toEqual(
        expect.arrayContaining(['__proto__=h-proto', 'constructor=h-constructor']),
      );
      expect(keyed(result.trailers)).toEqual(
        expect.arrayContaining(['__proto__=t-proto', 'constructor=t-c']),
      );
    });
  },
);
