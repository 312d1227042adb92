// The capture tests' parts: a grpc-js target server on example.proto whose handlers the tests steer
// (by the request), grpc-js clients, and a proxy in front of the server recording into a temp dir.
import * as grpc from '@grpc/grpc-js';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { encodeStatusDetails } from '../codec/index.js';
import { EventCursor } from '../recording/index.js';
import { exampleSchema, exampleStubs } from '../recording/recording.testkit.js';
import type { RecordingEvent } from '../../shared/recording/index.js';
import { startCaptureProxy, type CaptureProxy, type CaptureProxyOptions } from './index.js';
import type { CallSummary } from './call-record.js';
import type { CapturePath } from './capture-proxy.js';

type Obj = Record<string, unknown>;

/** Resumes the Upload calls that paused on a `slow` key. */
export const slowReaders: (() => void)[] = [];

/** What the target saw, for the tests to look at. */
export interface TargetLog {
  cancelled: string[];
  /** Server-stream messages the target's writes had handed to the transport (flow control). */
  written: number;
}

function getUser(log: TargetLog) {
  return (call: grpc.ServerUnaryCall<Obj, Obj>, done: grpc.sendUnaryData<Obj>): void => {
    const id = String(call.request['id']);
    call.on('cancelled', () => log.cancelled.push(`GetUser ${id}`));
    const echoed = new grpc.Metadata();
    for (const [key, values] of Object.entries(call.metadata.getMap()))
      if (key.startsWith('x-')) echoed.set(`echo-${key}`, values);
    call.sendMetadata(echoed);
    if (id === 'hang') return; // never answers
    if (id === 'fail') {
      const trailers = new grpc.Metadata();
      trailers.set(
        'grpc-status-details-bin',
        Buffer.from(
          encodeStatusDetails(undefined, {
            code: 5,
            message: 'no user fail',
            details: [
              {
                type: 'google.rpc.ResourceInfo',
                value: { resourceType: 'user', resourceName: 'fail' },
              },
            ],
          }),
        ),
      );
      done({ code: grpc.status.NOT_FOUND, details: 'no user fail', metadata: trailers });
      return;
    }
    const name = id.startsWith('big:') ? 'n'.repeat(Number(id.split(':')[1])) : `user ${id}`;
    const trailers = new grpc.Metadata();
    trailers.set('x-trailer', 'done');
    trailers.set('x-trailer-bin', Buffer.from([0, 1, 2, 255]));
    done(null, { id, name, age: 42 }, trailers);
  };
}

function tail(log: TargetLog) {
  return (call: grpc.ServerWritableStream<Obj, Obj>): void => {
    const source = String(call.request['source']);
    const lines = Number(call.request['lines']);
    const text = source.startsWith('wide') ? 'w'.repeat(64 * 1024) : 'x';
    call.on('cancelled', () => log.cancelled.push(`Tail ${source}`));
    let seq = 0;
    // Written as fast as flow control lets: the next write waits for the previous one's drain.
    const more = (): void => {
      while (seq < lines && !call.cancelled) {
        seq++;
        const ok = call.write({ seq: String(seq), level: 'INFO', text }, () => log.written++);
        if (!ok) {
          call.once('drain', more);
          return;
        }
      }
      if (source === 'hang' || call.cancelled) return; // never ends
      call.end();
    };
    more();
  };
}

function upload(call: grpc.ServerReadableStream<Obj, Obj>, done: grpc.sendUnaryData<Obj>): void {
  const keys: string[] = [];
  call.on('data', (r: Obj) => {
    keys.push(String(r['key']));
    // A slow reader: it stops reading after its first message until the test says so.
    if (r['key'] === 'slow') {
      call.pause();
      slowReaders.push(() => call.resume());
    }
  });
  call.on('end', () => done(null, { count: keys.length, keys: keys.slice(0, 3) }));
}

function chat(call: grpc.ServerDuplexStream<Obj, Obj>): void {
  call.on('data', (m: Obj) => call.write({ sender: 'echo', content: m['content'] }));
  call.on('end', () => call.end());
}

export interface TargetServer {
  port: number;
  log: TargetLog;
  close(): Promise<void>;
  /** Kills every connection at once, as a crashed process would. */
  kill(): void;
}

export async function startTargetServer(port = 0): Promise<TargetServer> {
  const stubs = exampleStubs();
  const log: TargetLog = { cancelled: [], written: 0 };
  const server = new grpc.Server();
  const def = (name: string) => (stubs[name] as grpc.ServiceClientConstructor).service;
  server.addService(def('UserService'), { GetUser: getUser(log) });
  server.addService(def('LogService'), { Tail: tail(log) });
  server.addService(def('BatchService'), { Upload: upload });
  server.addService(def('ChatService'), { Chat: chat });
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return {
    port: bound,
    log,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
    kill: () => server.forceShutdown(),
  };
}

export function stub<T = grpc.Client>(name: string, port: number): T {
  const Ctor = exampleStubs()[name] as grpc.ServiceClientConstructor;
  return new Ctor(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as T;
}

export interface RecordingProxy {
  proxy: CaptureProxy;
  calls: CallSummary[];
  errors: Error[];
  recordings(): string[];
}

/**
 * How a plaintext proxy forwards: passing each connection's bytes through (the default), or ending
 * HTTP/2 on both sides as it does with TLS; -authority (which only that path can apply) takes it
 * there without certificates.
 */
export type ProxyPath = 'pass-through' | 'pass-through on the event loop' | 'terminating';

/**
 * Every way a plaintext proxy reads its calls: passed through and read on the capture thread (the
 * default), passed through and read on the event loop (what a proxy does without the thread's
 * program, or once the thread died), and terminating.
 */
export const PROXY_PATHS: readonly ProxyPath[] = [
  'pass-through',
  'pass-through on the event loop',
  'terminating',
];

/** Where the proxy must say it reads its calls, for each path. */
const CAPTURE_PATH: Record<ProxyPath, CapturePath> = {
  'pass-through': 'thread',
  'pass-through on the event loop': 'event loop',
  terminating: 'terminating',
};

export async function startRecordingProxy(
  targetPort: number,
  dir: string,
  extra: Partial<CaptureProxyOptions> = {},
  via: ProxyPath = 'pass-through',
): Promise<RecordingProxy> {
  const calls: CallSummary[] = [];
  const errors: Error[] = [];
  const schema = exampleSchema();
  const proxy = await startCaptureProxy({
    host: '127.0.0.1',
    port: 0,
    target: {
      target: `127.0.0.1:${targetPort}`,
      security: { kind: 'plaintext' },
      ...(via === 'terminating' ? { authority: `127.0.0.1:${targetPort}` } : {}),
    },
    recordDir: dir,
    schema: { registry: schema.registry, source: 'example.proto' },
    onCall: (c) => calls.push(c),
    onError: (e) => errors.push(e),
    // Each path forced: a test of one path must not run on the other (the thread is the default
    // only where its program is found).
    ...(via === 'terminating' ? {} : { captureThread: via === 'pass-through' }),
    ...extra,
  });
  // A path silently not taken (no thread program found) would test the other one twice.
  if (proxy.capturePath !== CAPTURE_PATH[via]) {
    await proxy.close();
    throw new Error(`the proxy reads its calls on the ${proxy.capturePath}, not ${via}`);
  }
  return {
    proxy,
    calls,
    errors,
    recordings: () =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.ndjson') && !f.includes('.replay'))
        .sort()
        .map((f) => path.join(dir, f)),
  };
}

/**
 * A LogService/Tail call through the proxy at `port` that gets five lines and then stays open (the
 * target's `hang` source): resolves once the client has all five. `close` closes its client.
 */
export async function openHangingTail(port: number): Promise<{ close: () => void }> {
  const client = stub('LogService', port) as unknown as Record<string, unknown>;
  const close = (): void => (client as unknown as grpc.Client).close();
  const tail = (client['Tail'] as (r: Obj) => grpc.ClientReadableStream<Obj>).call(client, {
    source: 'hang',
    lines: 5,
  });
  tail.on('error', () => undefined);
  let got = 0;
  tail.on('data', () => got++);
  try {
    await until(() => got === 5, 'five messages');
  } catch (error) {
    close();
    throw error;
  }
  return { close };
}

/** Resolves once `check` holds (polled), for calls whose end the proxy learns of asynchronously. */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every event of a recording (a file or `FILE#N`), in order; a call with no recording fails. */
export async function recordedEvents(file: string | undefined): Promise<RecordingEvent[]> {
  if (!file) throw new Error('no recording');
  const cursor = new EventCursor(file);
  const out: RecordingEvent[] = [];
  for (let e = await cursor.next(); e; e = await cursor.next()) out.push(e.event);
  return out;
}
