// A call the client itself ended — its own deadline, a server it never reached — ends through the
// one call path (call.start) with a status in words that reads the same on every run, a `failure`
// kind a client can act on, and grpc-js's own text kept apart in rawMessage. A status the server
// sent keeps its message. Real grpc-js servers in process; a port nothing listens on.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent, CallStatus } from '../../shared/calls/events.js';
import type { EventPayload } from '../../shared/contract/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { resourcePath } from '../resources.js';
import { freePort } from '../../test/free-port.testkit.js';
import { callEventsOf, demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

const GET_USER = '/example.UserService/GetUser';
const raw = (b: Buffer): Buffer => b;

/** How the test server's GetUser answers, chosen by the `x-behaviour` header. */
function getUser(
  call: grpc.ServerUnaryCall<Buffer, Buffer>,
  callback: grpc.sendUnaryData<Buffer>,
): void {
  switch (call.metadata.get('x-behaviour')[0]) {
    case 'slow':
      // Answers long after any deadline of these tests; the client ends the call first.
      setTimeout(() => callback(null, Buffer.alloc(0)), 5_000).unref();
      return;
    case 'server-deadline':
      callback({ code: grpc.status.DEADLINE_EXCEEDED, details: 'the upstream took too long' });
      return;
    case 'server-deadline-grpc-words':
      callback({ code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline exceeded after 0.1s' });
      return;
    case 'proxy-unreachable':
      // A proxy (in grpc-js) that could not reach its own upstream forwards grpc-js's words.
      callback({
        code: grpc.status.UNAVAILABLE,
        details: 'No connection established. Last error: Error: connect ECONNREFUSED 10.9.9.9:80',
      });
      return;
    default:
      callback(null, Buffer.alloc(0));
  }
}

let kit: EngineKit;
let schemaId: string;
let server: grpc.Server;
let target: string;
let closedTarget: string;

beforeAll(async () => {
  server = new grpc.Server();
  server.addService(
    {
      GetUser: {
        path: GET_USER,
        requestStream: false,
        responseStream: false,
        requestSerialize: raw,
        requestDeserialize: raw,
        responseSerialize: raw,
        responseDeserialize: raw,
      },
    },
    { GetUser: getUser },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  target = `127.0.0.1:${port}`;
  // A port nothing listens on (below the ephemeral range: no other test's listen(0) takes it).
  closedTarget = `127.0.0.1:${await freePort()}`;
  kit = startEngineKit();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
});

afterAll(async () => {
  await kit?.close();
  server?.forceShutdown();
});

async function statusOf(request: RequestDocument): Promise<{ status: CallStatus; ms: number }> {
  const started = Date.now();
  const { callId } = await kit.call('call.start', { schemaId, request, halfClose: true });
  await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  const ms = Date.now() - started;
  const log: CallEvent[] = callEventsOf(kit.events, callId);
  const event = log.find((e) => e.type === 'status');
  if (event?.type !== 'status') throw new Error('the call ended without a status');
  return { status: event.status, ms };
}

function behaving(how: string, extra: Partial<RequestDocument> = {}): RequestDocument {
  return demoRequest(target, GET_USER, [{}], {
    metadata: [{ key: 'x-behaviour', value: how }],
    ...extra,
  });
}

describe('a call ended by its own deadline', () => {
  it('says "Deadline exceeded", the same on every run, with grpc-js timings kept aside', async () => {
    const runs = [
      await statusOf(behaving('slow', { deadlineMs: 300 })),
      await statusOf(behaving('slow', { deadlineMs: 300 })),
    ];
    for (const { status } of runs) {
      expect(status).toMatchObject({
        code: 4,
        codeName: 'DEADLINE_EXCEEDED',
        message: 'Deadline exceeded',
        failure: 'deadline',
      });
      // grpc-js's "Deadline exceeded after 0.301s,LB pick: …,remote_addr=…" stays one click away.
      expect(status.rawMessage).toMatch(/^Deadline exceeded after /);
      expect(status.message).not.toMatch(/LB pick|remote_addr|\d\.\d+s/);
    }
    const { rawMessage: _a, ...first } = runs[0]!.status;
    const { rawMessage: _b, ...second } = runs[1]!.status;
    expect(second).toEqual(first);
  });

  it('also before any connection was made (a server that never answers the handshake)', async () => {
    const net = await import('node:net');
    const silent = net.createServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const { status } = await statusOf(
        demoRequest(`127.0.0.1:${port}`, GET_USER, [{}], { deadlineMs: 300 }),
      );
      expect(status).toMatchObject({ message: 'Deadline exceeded', failure: 'deadline' });
      expect(status.rawMessage).toMatch(/^Deadline exceeded after /);
    } finally {
      silent.close();
    }
  });
});

describe('a DEADLINE_EXCEEDED the server sent', () => {
  it("keeps the server's message and is not the client's failure", async () => {
    const { status } = await statusOf(behaving('server-deadline', { deadlineMs: 5_000 }));
    expect(status).toEqual({
      code: 4,
      codeName: 'DEADLINE_EXCEEDED',
      message: 'the upstream took too long',
      details: [],
    });
  });

  it("keeps it even in grpc-js words, when the call's own deadline has not passed", async () => {
    const { status } = await statusOf(
      behaving('server-deadline-grpc-words', { deadlineMs: 5_000 }),
    );
    expect(status.message).toBe('Deadline exceeded after 0.1s');
    expect(status.failure).toBeUndefined();
  });
});

describe('a server never reached', () => {
  it('a refused connection fails at once, in words, as unreachable', async () => {
    const { status, ms } = await statusOf(demoRequest(closedTarget, GET_USER));
    expect(status).toMatchObject({
      code: 14,
      codeName: 'UNAVAILABLE',
      message: `failed to connect to ${closedTarget}: connection refused`,
      failure: 'unreachable',
    });
    expect(status.rawMessage).toMatch(/ECONNREFUSED/);
    // Generous: grpcurl fails in milliseconds; a 10 s connect wait would blow this.
    expect(ms).toBeLessThan(3_000);
  });

  it('TLS spoken to a plaintext server fails at once, as tls_mismatch', async () => {
    const request = demoRequest(`localhost:${target.split(':')[1]}`, GET_USER);
    request.connection = { ...request.connection, security: { kind: 'tls' } };
    const { status, ms } = await statusOf(request);
    expect(status).toMatchObject({
      code: 14,
      message: `failed to connect to localhost:${target.split(':')[1]}: TLS handshake failed: the server answered in plaintext (it does not speak TLS here)`,
      failure: 'tls_mismatch',
    });
    // OpenSSL's text (with its per-process hex) is the raw detail only.
    expect(status.rawMessage).toMatch(/wrong version number|packet length too long/);
    expect(ms).toBeLessThan(3_000);
  });

  it('a host name that does not resolve, as unresolved', async () => {
    const { status } = await statusOf(demoRequest('no-such-host.invalid:50051', GET_USER));
    expect(status).toMatchObject({
      code: 14,
      message:
        'failed to connect to no-such-host.invalid:50051: no such host "no-such-host.invalid"',
      failure: 'unresolved',
    });
  });

  it('an UNAVAILABLE the server sent in grpc-js words (a proxy) keeps its message', async () => {
    const { status } = await statusOf(behaving('proxy-unreachable'));
    expect(status.message).toMatch(/^No connection established\. Last error: .*10\.9\.9\.9:80$/);
    expect(status.failure).toBeUndefined();
  });
});
