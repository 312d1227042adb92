import * as grpc from '@grpc/grpc-js';
import { spawn } from 'node:child_process';
import http2 from 'node:http2';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../recording/recording.testkit.js';
import type { RecordingEvent } from '../../shared/recording/index.js';
import {
  startRecordingProxy,
  slowReaders,
  startTargetServer,
  stub,
  until,
  PROXY_PATHS,
  type ProxyPath,
  type RecordingProxy,
  type TargetServer,
  recordedEvents as events,
} from './capture.testkit.js';

type Obj = Record<string, unknown>;
type Unary = (
  req: Obj,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: grpc.ServiceError | null, r?: Obj) => void,
) => grpc.ClientUnaryCall;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(
  extra = {},
  via: ProxyPath = 'pass-through',
): Promise<{ target: TargetServer; rec: RecordingProxy }> {
  const tmp = tempDir();
  cleanup.push(() => tmp.remove());
  const target = await startTargetServer();
  cleanup.push(() => target.kill());
  const rec = await startRecordingProxy(target.port, tmp.dir, extra, via);
  cleanup.push(() => rec.proxy.close());
  return { target, rec };
}

const statusOf = (evs: RecordingEvent[]) =>
  (evs.find((e) => e.type === 'status') as { status: { code: number; message: string } }).status;

function unary(port: number, req: Obj, opts: grpc.CallOptions = {}) {
  const client = stub('UserService', port);
  const getUser = (client as unknown as Record<string, Unary>)['GetUser'] as Unary;
  return new Promise<{ error: grpc.ServiceError | null; res?: Obj }>((resolve) => {
    getUser.call(client, req, new grpc.Metadata(), opts, (error, res) => {
      client.close();
      resolve({ error, res });
    });
  });
}

function tail(
  port: number,
  req: Obj,
): { call: grpc.ClientReadableStream<Obj>; got: Obj[]; client: grpc.Client } {
  const client = stub('LogService', port) as unknown as Record<string, unknown>;
  const call = (client.Tail as (r: Obj) => grpc.ClientReadableStream<Obj>).call(client, req);
  const got: Obj[] = [];
  call.on('data', (m: Obj) => got.push(m));
  call.on('error', () => {
    // Each test looks at the status.
  });
  return { call, got, client: client as unknown as grpc.Client };
}

const statusOfCall = (call: grpc.ClientReadableStream<Obj>) =>
  new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));

/** The proxy still serves: a unary call through it succeeds. */
async function stillServes(port: number): Promise<void> {
  const r = await unary(port, { id: 'ok' });
  expect(r.error).toBeNull();
  expect(r.res).toMatchObject({ name: 'user ok' });
}

describe('gwb proxy: deadlines and cancellation', () => {
  it("the client's deadline reaches the target, and the recording says DEADLINE_EXCEEDED", async () => {
    const { target, rec } = await setUp();
    const r = await unary(rec.proxy.port, { id: 'hang' }, { deadline: Date.now() + 1000 });
    expect(r.error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    await until(() => rec.calls.length === 1, 'the call to end');
    expect(rec.calls[0]?.status.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    const evs = await events(rec.calls[0]?.file);
    expect(evs[0]).toMatchObject({ type: 'started', deadlineMs: expect.any(Number) });
    await until(() => target.log.cancelled.includes('GetUser hang'), 'the target to see it end');
    await stillServes(rec.proxy.port);
  });

  it('a client that cancels mid-stream: the target sees the cancel, the recording keeps what passed', async () => {
    const { target, rec } = await setUp();
    const { call, got } = tail(rec.proxy.port, { source: 'hang', lines: 3 });
    await until(() => got.length === 3, 'three messages');
    const status = statusOfCall(call);
    call.cancel();
    expect((await status).code).toBe(grpc.status.CANCELLED);
    await until(() => target.log.cancelled.includes('Tail hang'), 'the target to see the cancel');
    await until(() => rec.calls.length === 1, 'the recording to close');
    const evs = await events(rec.calls[0]?.file);
    expect(evs.filter((e) => e.type === 'received')).toHaveLength(3);
    expect(statusOf(evs)).toMatchObject({
      code: 1,
      message: expect.stringMatching(/client cancelled/),
    });
    await stillServes(rec.proxy.port);
  });

  it('a client process killed mid-stream: the target sees the cancel, the proxy serves on', async () => {
    const { target, rec } = await setUp();
    // A raw HTTP/2 gRPC client in its own process: TailRequest{source: "hang", lines: 2}.
    const script = `
      const http2 = require('node:http2');
      const session = http2.connect('http://127.0.0.1:${rec.proxy.port}');
      const stream = session.request({ ':method': 'POST', ':path': '/example.LogService/Tail',
        'content-type': 'application/grpc', te: 'trailers' });
      const body = Buffer.from([0x0a, 4, ...Buffer.from('hang'), 0x10, 2]);
      const prefix = Buffer.alloc(5); prefix.writeUInt32BE(body.length, 1);
      stream.end(Buffer.concat([prefix, body]));
      stream.once('data', () => process.stdout.write('ready\\n'));`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanup.push(() => child.kill('SIGKILL'));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.kill('SIGKILL');
    await until(() => target.log.cancelled.includes('Tail hang'), 'the target to see the cancel');
    await until(() => rec.calls.length === 1, 'the recording to close');
    const evs = await events(rec.calls[0]?.file);
    expect(evs.filter((e) => e.type === 'received')).toHaveLength(2);
    expect(statusOf(evs)).toMatchObject({
      code: 1,
      message: expect.stringMatching(/client closed its connection/),
    });
    await stillServes(rec.proxy.port);
  });
});

/** A server stream to `target` (through `port`) killed after 5 messages: the client's status. */
async function killedMidStream(port: number, target: TargetServer): Promise<grpc.StatusObject> {
  const { call, got } = tail(port, { source: 'hang', lines: 5 });
  await until(() => got.length === 5, 'five messages');
  const status = statusOfCall(call);
  target.kill();
  return status;
}

/**
 * A server stream to `target` (through `port`) that gets GOAWAY, then a kill: the client's status.
 * `clientGetsGoaway`: the client's connection is the one the target sends it on (directly, or
 * through a proxy that passes the bytes through), so the kill waits until the client has it.
 */
const goawayMidStream =
  (clientGetsGoaway: boolean) =>
  async (port: number, target: TargetServer): Promise<grpc.StatusObject> => {
    const { call, got, client } = tail(port, { source: 'hang', lines: 1 });
    await until(() => got.length === 1, 'a message');
    const status = statusOfCall(call);
    // Graceful shutdown: GOAWAY first, the open call may go on.
    void target.close();
    // grpc-js takes a connection that got GOAWAY out of use (its channel leaves READY) and keeps
    // its open call on it. A proxy that ends HTTP/2 gets the GOAWAY itself, in order before the
    // kill's frames (one connection), and tells its client nothing: there is nothing to wait for.
    if (clientGetsGoaway)
      await until(
        () => client.getChannel().getConnectivityState(false) !== grpc.connectivityState.READY,
        'the client to get the GOAWAY',
      );
    target.kill();
    return status;
  };

/** A target killed at once: what a direct call gets from `scenario` (the pass-through's answer). */
async function directly(
  scenario: (port: number, target: TargetServer) => Promise<grpc.StatusObject>,
): Promise<number> {
  const target = await startTargetServer();
  cleanup.push(() => target.kill());
  return (await scenario(target.port, target)).code;
}

describe.each(PROXY_PATHS)('gwb proxy (%s): a target that fails', (via) => {
  const passThrough = via !== 'terminating';

  it('killed mid-stream: the client gets what it gets directly, the recording keeps every message and says so', async () => {
    // Directly, the client sees the connection go; the terminating proxy answers UNAVAILABLE.
    const expected = passThrough ? await directly(killedMidStream) : grpc.status.UNAVAILABLE;
    const { target, rec } = await setUp({}, via);
    expect((await killedMidStream(rec.proxy.port, target)).code).toBe(expected);
    await until(() => rec.calls.length === 1, 'the recording to close');
    const evs = await events(rec.calls[0]?.file);
    expect(evs.filter((e) => e.type === 'received')).toHaveLength(5);
    expect(statusOf(evs)).toMatchObject({ code: 14, message: expect.stringMatching(/target/) });
    expect(evs.at(-1)?.type).toBe('ended');
    // A new target on the same port: the proxy connects again for the next call.
    const again = await startTargetServer(target.port);
    cleanup.push(() => again.kill());
    await stillServes(rec.proxy.port);
  });

  it('not listening: UNAVAILABLE, as a direct call gets, and the call is recorded', async () => {
    const { target, rec } = await setUp({}, via);
    target.kill();
    const r = await unary(rec.proxy.port, { id: 'x' });
    expect(r.error?.code).toBe(grpc.status.UNAVAILABLE);
    // The target has said nothing on the connection: the proxy answers the call itself.
    await until(() => rec.calls.length === 1, 'the recording to close');
    expect(rec.calls[0]?.status).toMatchObject({
      code: 14,
      message: expect.stringMatching(/target .* ECONNREFUSED/),
    });
  });

  it('that never answers: the client deadline ends the call, the proxy serves others', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sockets: net.Socket[] = [];
    silent.on('connection', (s) => sockets.push(s));
    cleanup.push(() => {
      for (const s of sockets) s.destroy();
      silent.close();
    });
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const port = (silent.address() as net.AddressInfo).port;
    const rec = await startRecordingProxy(port, tmp.dir, {}, via);
    cleanup.push(() => rec.proxy.close());
    const r = await unary(rec.proxy.port, { id: 'x' }, { deadline: Date.now() + 300 });
    expect(r.error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    if (passThrough) {
      // Without the target's SETTINGS grpc-js never sends the call (as directly): none recorded.
      await rec.proxy.close();
      expect(rec.calls).toHaveLength(0);
    } else {
      await until(() => rec.calls.length === 1, 'the recording to close');
      expect(rec.calls[0]?.status.code).toBe(4);
    }
    // A second proxy in the same process to a working target is unaffected.
    const { rec: other } = await setUp({}, via);
    await stillServes(other.proxy.port);
  });

  it('a target that resets the stream: the client gets what a direct call gets', async () => {
    const raw = http2.createServer();
    raw.on('stream', (stream) => {
      stream.on('error', () => undefined);
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
      setTimeout(() => stream.close(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM), 20);
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => raw.close());
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const rawPort = (raw.address() as net.AddressInfo).port;
    const rec = await startRecordingProxy(rawPort, tmp.dir, {}, via);
    cleanup.push(() => rec.proxy.close());
    // A bidi call that has not half-closed: the reset is the only end it gets.
    const chat = async (port: number): Promise<grpc.StatusObject> => {
      const client = stub('ChatService', port) as unknown as Record<string, unknown>;
      const call = (client.Chat as () => grpc.ClientDuplexStream<Obj, Obj>).call(client);
      call.on('error', () => undefined);
      call.write({ sender: 'me', content: 'hi' });
      return new Promise((resolve) => call.on('status', resolve));
    };
    const direct = await chat(rawPort);
    expect(direct.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect((await chat(rec.proxy.port)).code).toBe(direct.code);
    await until(() => rec.calls.length === 1, 'the recording to close');
    expect(rec.calls[0]?.status).toMatchObject({
      code: 8,
      message: expect.stringMatching(/target reset the stream \(RST_STREAM code 11\)/),
    });
  });

  it('GOAWAY: the open call finishes, the recording says what happened, new calls get a new session', async () => {
    const expected = passThrough ? await directly(goawayMidStream(true)) : grpc.status.UNAVAILABLE;
    const { target, rec } = await setUp({}, via);
    expect((await goawayMidStream(passThrough)(rec.proxy.port, target)).code).toBe(expected);
    await until(() => rec.calls.length === 1, 'the recording to close');
    expect(rec.calls[0]?.status).toMatchObject({
      code: 14,
      message: expect.stringMatching(/GOAWAY/),
    });
  });
});

describe('gwb proxy: flow control and big messages', () => {
  it('a slow reader holds the target back (no unbounded buffering in the proxy)', async () => {
    const { target, rec } = await setUp();
    const { call, got } = tail(rec.proxy.port, { source: 'wide', lines: 400 });
    await until(() => got.length >= 1, 'a message');
    call.pause();
    await new Promise((r) => setTimeout(r, 2500));
    // 400 × 64 KiB = 25 MiB: with every window full (client, proxy both ways, target) a few MiB
    // at most are in flight; a proxy that read on regardless would let the target write all.
    const writtenWhilePaused = target.log.written;
    console.log('WRITTEN', writtenWhilePaused, got.length);
    expect(writtenWhilePaused).toBeLessThan(100);
    const status = statusOfCall(call);
    call.resume();
    expect((await status).code).toBe(0);
    expect(got).toHaveLength(400);
  });

  it('a slow target reader holds the client back', async () => {
    const { rec } = await setUp();
    const batch = stub('BatchService', rec.proxy.port) as unknown as Record<string, unknown>;
    let written = 0;
    const result = new Promise<Obj>((resolve, reject) => {
      const call = (
        batch.Upload as (cb: (e: Error | null, r?: Obj) => void) => grpc.ClientWritableStream<Obj>
      ).call(batch, (e, r) => (e ? reject(e) : resolve(r as Obj)));
      call.write({ key: 'slow' });
      const blob = Buffer.alloc(64 * 1024, 7);
      let n = 0;
      const more = (): void => {
        while (n < 400) {
          n++;
          const ok = call.write({ key: `k${n}`, blob }, () => written++);
          if (n === 400) call.end();
          if (!ok) {
            call.once('drain', more);
            return;
          }
        }
      };
      more();
    });
    await until(() => slowReaders.length > 0, 'the target to pause');
    await new Promise((r) => setTimeout(r, 2500));
    expect(written).toBeLessThan(100);
    slowReaders.splice(0).forEach((resume) => resume());
    expect(await result).toMatchObject({ count: 401 });
  });

  it('a message over the observing bound is forwarded whole and recorded as not kept', async () => {
    const { rec } = await setUp({ maxObservedBytes: 1000 });
    const r = await unary(rec.proxy.port, { id: `big:${1024 * 1024}` });
    expect(r.error).toBeNull();
    expect((r.res?.['name'] as string).length).toBe(1024 * 1024);
    await until(() => rec.calls.length === 1, 'the recording to close');
    const evs = await events(rec.calls[0]?.file);
    const received = evs.find((e) => e.type === 'received') as unknown as Obj;
    expect(received['raw']).toBeUndefined();
    expect(received['decodeError']).toMatch(/over the proxy's bound of 1000 bytes/);
    expect(received['size']).toBeGreaterThan(1024 * 1024);
    expect(evs.find((e) => e.type === 'sent')).toMatchObject({
      message: { id: expect.any(String) },
    });
  });
});
