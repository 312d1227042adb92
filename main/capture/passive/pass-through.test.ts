import * as grpc from '@grpc/grpc-js';
import http2 from 'node:http2';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCerts } from '../../../test/tls/certs.js';
import { exampleStubs, tempDir } from '../../recording/recording.testkit.js';
import { startCaptureProxy } from '../index.js';
import {
  startRecordingProxy,
  startTargetServer,
  stub,
  until,
  type ProxyPath,
} from '../capture.testkit.js';

// The pass-through's own edges: which path a plaintext proxy takes, and how a target connection
// that ends abruptly is recorded (the client sees what it would see directly).
type Obj = Record<string, unknown>;
type Unary = (req: Obj, cb: (e: grpc.ServiceError | null, r?: Obj) => void) => grpc.ClientUnaryCall;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function listening(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

async function recordingProxy(port: number, via: ProxyPath = 'pass-through') {
  const tmp = tempDir();
  cleanup.push(() => tmp.remove());
  const rec = await startRecordingProxy(port, tmp.dir, {}, via);
  cleanup.push(() => rec.proxy.close());
  return rec;
}

function getUser(port: number): Promise<grpc.ServiceError | null> {
  const client = stub('UserService', port);
  cleanup.push(() => client.close());
  return new Promise((resolve) =>
    (client as unknown as Record<string, Unary>)['GetUser']?.call(client, { id: '1' }, (e) =>
      resolve(e),
    ),
  );
}

/** A server stream through `port` that has one message: its status, once it ends. */
async function tailOne(port: number): Promise<{ status: Promise<grpc.StatusObject> }> {
  const client = stub('LogService', port) as unknown as Record<string, unknown>;
  cleanup.push(() => (client as unknown as grpc.Client).close());
  const call = (client.Tail as (r: Obj) => grpc.ClientReadableStream<Obj>).call(client, {
    source: 'hang',
    lines: 1,
  });
  call.on('error', () => undefined);
  const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
  await new Promise((resolve) => call.once('data', resolve));
  return { status };
}

describe('gwb proxy: which path a plaintext proxy takes', () => {
  it("passes the client's :authority through unchanged; -authority takes the terminating path, which sets it", async () => {
    const seen: string[] = [];
    const raw = http2.createServer();
    raw.on('stream', (stream, headers) => {
      seen.push(String(headers[':authority']));
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '5' },
        { endStream: true },
      );
    });
    const port = await listening(raw);
    const through = await recordingProxy(port);
    const terminating = await recordingProxy(port, 'terminating');
    expect((await getUser(through.proxy.port))?.code).toBe(grpc.status.NOT_FOUND);
    expect((await getUser(terminating.proxy.port))?.code).toBe(grpc.status.NOT_FOUND);
    expect(seen).toEqual([`127.0.0.1:${through.proxy.port}`, `127.0.0.1:${port}`]);
  });

  it('a TLS target keeps the terminating path: the proxy speaks TLS to it for a plaintext client', async () => {
    const certs = makeTestCerts();
    cleanup.push(() => certs.cleanup());
    const tls = http2.createSecureServer(certs.server);
    const seen: string[] = [];
    tls.on('stream', (stream, headers) => {
      seen.push(String(headers[':authority']));
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '5' },
        { endStream: true },
      );
    });
    const port = await listening(tls);
    const proxy = await startCaptureProxy({
      host: '127.0.0.1',
      port: 0,
      target: { target: `127.0.0.1:${port}`, security: { kind: 'tls', ca: certs.ca.cert } },
    });
    cleanup.push(() => proxy.close());
    expect((await getUser(proxy.port))?.code).toBe(grpc.status.NOT_FOUND);
    // The terminating path's own request: the target's authority, not the client's.
    expect(seen).toEqual([`127.0.0.1:${port}`]);
  });

  it('a TLS listener keeps the terminating path: TLS clients reach a plaintext target', async () => {
    const certs = makeTestCerts();
    cleanup.push(() => certs.cleanup());
    const target = await startTargetServer();
    cleanup.push(() => target.kill());
    const proxy = await startCaptureProxy({
      host: '127.0.0.1',
      port: 0,
      tls: certs.server,
      target: { target: `127.0.0.1:${target.port}`, security: { kind: 'plaintext' } },
    });
    cleanup.push(() => proxy.close());
    const Users = exampleStubs()['UserService'] as grpc.ServiceClientConstructor;
    const client = new Users(
      `localhost:${proxy.port}`,
      grpc.credentials.createSsl(Buffer.from(certs.ca.cert)),
    );
    cleanup.push(() => client.close());
    const res = await new Promise<Obj | undefined>((resolve, reject) =>
      (client as unknown as Record<string, Unary>)['GetUser']?.call(client, { id: '1' }, (e, r) =>
        e ? reject(e) : resolve(r),
      ),
    );
    expect(res).toMatchObject({ name: 'user 1' });
  });
});

describe('gwb proxy (pass-through): a target connection that ends abruptly', () => {
  it('GOAWAY with an error code: the call ends as the target said, whatever the client does next', async () => {
    const goaway = (stream: http2.ServerHttp2Stream) => {
      stream.on('error', () => undefined);
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
      // LogLine{seq: 1}: then GOAWAY ENHANCE_YOUR_CALM, the stream counted as processed.
      stream.write(Buffer.from([0, 0, 0, 0, 2, 0x08, 1]), () =>
        stream.session?.goaway(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM, stream.id),
      );
    };
    const raw = http2.createServer();
    raw.on('stream', goaway);
    raw.on('session', (s) => s.on('error', () => undefined));
    const port = await listening(raw);
    const direct = await (await tailOne(port)).status;
    const rec = await recordingProxy(port);
    expect((await (await tailOne(rec.proxy.port)).status).code).toBe(direct.code);
    await until(() => rec.calls.length === 1, 'the recording to close');
    expect(rec.calls[0]?.status).toMatchObject({
      code: 14,
      message: expect.stringMatching(/sent GOAWAY \(code 11\) before the call ended/),
    });
  });

  it('reset (ECONNRESET) mid-stream: the recording says the target went away', async () => {
    const target = await startTargetServer();
    cleanup.push(() => target.kill());
    // A relay in front of the target whose connections the test resets (TCP RST).
    const toProxy: net.Socket[] = [];
    const relay = net.createServer((socket) => {
      toProxy.push(socket);
      const up = net.connect(target.port, '127.0.0.1');
      socket.pipe(up).pipe(socket);
      socket.on('error', () => up.destroy());
      up.on('error', () => socket.destroy());
    });
    const rec = await recordingProxy(await listening(relay));
    const { status } = await tailOne(rec.proxy.port);
    for (const socket of toProxy) socket.resetAndDestroy();
    expect((await status).code).toBe(grpc.status.UNAVAILABLE);
    await until(() => rec.calls.length === 1, 'the recording to close');
    expect(rec.calls[0]?.status).toMatchObject({
      code: 14,
      message: expect.stringMatching(/target .* went away: read ECONNRESET/),
    });
  });
});
