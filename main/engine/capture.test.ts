// Captures from the workbench's Capture panel, through the real router and engine: a real grpc-js
// target server, a real grpc-js client calling through the capture's proxy.
import * as grpc from '@grpc/grpc-js';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { stub } from '../capture/capture.testkit.js';
import {
  getUser,
  plaintext,
  useCaptureEngine,
  waitForCall as waitForCallOf,
  type CapturedCall,
} from './capture-engine.testkit.js';
import { freePort } from '../../test/free-port.testkit.js';
import { startEngineKit } from './engine.testkit.js';

type Obj = Record<string, unknown>;

const env = useCaptureEngine();
const waitForCall = (captureId: string, match: (call: CapturedCall) => boolean) =>
  waitForCallOf(env.kit, captureId, match);

describe('capture from the workbench', () => {
  it('lists a running bidi call live with its counts, opens its recording while it runs, then replays, diffs and mocks it', async () => {
    const capture = await env.kit.call('capture.start', {
      target: plaintext(env.target.port),
      schemaId: env.schemaId,
    });
    expect(capture.listen).toBe(`127.0.0.1:${capture.port}`);
    expect(capture.folder).toMatch(/^captured\//);

    const client = stub<grpc.Client & { Chat: () => grpc.ClientDuplexStream<Obj, Obj> }>(
      'ChatService',
      capture.port,
    );
    const chat = client.Chat();
    const replies: Obj[] = [];
    chat.on('data', (m: Obj) => replies.push(m));
    chat.write({ sender: 'me', content: 'one' });
    chat.write({ sender: 'me', content: 'two' });

    // Running: counted each way, not done, and its recording opens as it is now.
    const running = await waitForCall(
      capture.captureId,
      (c) => c.sent === 2 && c.received === 2 && !c.done,
    );
    expect(running.method).toBe('/example.ChatService/Chat');
    expect(running.id.startsWith(`${capture.folder}/`)).toBe(true);
    const partial = await env.kit.call('recording.read', { id: running.id });
    expect(partial.recording.complete).toBe(false);
    const types = partial.events.map((e) => e.type);
    expect(types.filter((t) => t === 'sent')).toHaveLength(2);
    expect(types).not.toContain('status');

    chat.write({ sender: 'me', content: 'three' });
    chat.end();
    await new Promise((resolve) => chat.on('status', resolve));
    client.close();
    const ended = await waitForCall(capture.captureId, (c) => c.id === running.id && c.done);
    expect(ended).toMatchObject({ sent: 3, received: 3, status: { codeName: 'OK' } });
    expect(replies).toHaveLength(3);

    const { captures } = await env.kit.call('capture.list', {});
    expect(captures.find((c) => c.captureId === capture.captureId)?.calls[0]).toMatchObject({
      id: running.id,
      done: true,
      sent: 3,
    });
    // The recordings folder lists it like any recording.
    const { recordings } = await env.kit.call('recording.list', {});
    expect(recordings.map((r) => r.id)).toContain(running.id);

    const replay = await env.kit.call('recording.replay', {
      id: running.id,
      connection: plaintext(env.target.port),
    });
    expect(replay.diff.identical, replay.diff.text).toBe(true);

    const mock = await env.kit.call('mock.start', { recordingIds: [running.id] });
    expect(mock.methods).toContain('/example.ChatService/Chat');
    await env.kit.call('mock.stop', { mockId: mock.mockId });
    await env.kit.call('capture.stop', { captureId: capture.captureId });
  });

  it('counts a unary call that fails with its status', async () => {
    const capture = await env.kit.call('capture.start', {
      target: plaintext(env.target.port),
      schemaId: env.schemaId,
    });
    const error = await getUser(capture.port, 'fail');
    expect(error?.code).toBe(grpc.status.NOT_FOUND);
    const call = await waitForCall(capture.captureId, (c) => c.done);
    expect(call).toMatchObject({
      method: '/example.UserService/GetUser',
      sent: 1,
      received: 0,
      status: { codeName: 'NOT_FOUND', message: 'no user fail' },
    });
    await env.kit.call('capture.stop', { captureId: capture.captureId });
  });

  it('keeps a call the target never answers going in the list, its time counting', async () => {
    const capture = await env.kit.call('capture.start', {
      target: plaintext(env.target.port),
      schemaId: env.schemaId,
    });
    const client = stub('UserService', capture.port) as grpc.Client & {
      GetUser: (req: Obj, cb: (e: grpc.ServiceError | null) => void) => grpc.ClientUnaryCall;
    };
    const answered = new Promise<grpc.ServiceError | null>((resolve) => {
      const call = client.GetUser({ id: 'hang' }, resolve);
      void waitForCall(capture.captureId, (c) => !c.done && c.durationMs >= 1000).then(() =>
        call.cancel(),
      );
    });
    const stillRunning = await waitForCall(
      capture.captureId,
      (c) => !c.done && c.durationMs >= 1000,
    );
    expect(stillRunning).toMatchObject({ sent: 1, received: 0 });
    expect((await answered)?.code).toBe(grpc.status.CANCELLED);
    client.close();
    const ended = await waitForCall(capture.captureId, (c) => c.done);
    expect(ended.status?.codeName).toBe('CANCELLED');
    await env.kit.call('capture.stop', { captureId: capture.captureId });
  });

  it('says in words when the port is in use', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      await expect(
        env.kit.call('capture.start', {
          port,
          target: plaintext(env.target.port),
          schemaId: env.schemaId,
        }),
      ).rejects.toThrow(`port ${port} is in use by another program`);
    } finally {
      busy.close();
    }
  });

  it('warns when the target is not reachable, and the calls through it say so', async () => {
    const port = await freePort(); // nothing listens there
    const capture = await env.kit.call('capture.start', { target: plaintext(port) });
    expect(capture.warning).toBe(
      `the target 127.0.0.1:${port} is not reachable (connection refused): calls through the capture fail until it is`,
    );
    const error = await getUser(capture.port, '1');
    expect(error?.code).toBe(grpc.status.UNAVAILABLE);
    const call = await waitForCall(capture.captureId, (c) => c.done);
    expect(call.status?.codeName).toBe('UNAVAILABLE');
    await env.kit.call('capture.stop', { captureId: capture.captureId });
  });

  it('says which file a listener certificate is missing from', async () => {
    await expect(
      env.kit.call('capture.start', {
        target: plaintext(env.target.port),
        tls: { certFile: '/nonexistent/cert.pem', keyFile: '/nonexistent/key.pem' },
      }),
    ).rejects.toThrow('tls.certFile: /nonexistent/cert.pem: no such file');
  });

  it('a capture still starting when the engine closes does not stay listening', async () => {
    const own = startEngineKit();
    const port = await freePort();
    // Reflection on the target is still on its way when the engine closes.
    const starting = own.call('capture.start', { port, target: plaintext(env.target.port) });
    await own.close();
    await expect(starting).rejects.toThrow('the workbench is closing');
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('stops a capture when the engine closes', async () => {
    const own = startEngineKit();
    const capture = await own.call('capture.start', { target: plaintext(env.target.port) });
    await own.close();
    // The port is free again: nothing listens on it.
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(capture.port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
