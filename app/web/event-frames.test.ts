// A page that stops reading during a long stream does not make the host queue every event for it
// (issue 11, point 4): past a backlog, call event batches are held back for that page, the batch
// that ends the call still reaches it, and what it missed is there for `call.events`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { benchServer, listen } from '../../bench/_bench-service.js';
import type { CallEvent } from '../../shared/calls/events.js';
import { newRequest, plaintextConnection } from '../../shared/request/index.js';
import { MAX_PAGE_BACKLOG } from './event-frames.js';
import { startWebHost, type WebHost } from './index.js';

// What matters is bytes, not events: the reader must get far more than the page may queue. 50k
// messages of 512 bytes are ~39 MB of frames, as 300k of 30 bytes were, in a sixth of the events
// (the per-event work took 167 s on a loaded machine).
const COUNT = 50_000;
const SIZE = 512;
let dir: string;
let host: WebHost;
let server: grpc.Server;
let target: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-web-backlog-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>gwb</title>');
  host = await startWebHost({
    port: 0,
    dataDir: join(dir, 'data'),
    staticDir: join(dir, 'renderer'),
  });
  server = benchServer();
  target = `127.0.0.1:${await listen(server)}`;
});
afterAll(async () => {
  await host.close();
  server.forceShutdown();
  rmSync(dir, { recursive: true, force: true });
});

function open(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, {
    headers: { origin: `http://127.0.0.1:${host.port}` },
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let nextId = 1;
function invoke<T>(ws: WebSocket, name: string, input: unknown): Promise<T> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer): void => {
      const msg = JSON.parse(data.toString()) as { t: string; id?: number; output?: T };
      if (msg.t === 'event' || msg.id !== id) return;
      ws.off('message', onMessage);
      if (msg.t === 'result') resolve(msg.output as T);
      else reject(new Error(JSON.stringify(msg)));
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'call', id, name, input }));
  });
}

/** The call events a page receives live: their events and the bytes of their frames. */
function liveEvents(ws: WebSocket): { events: CallEvent[]; bytes: number; ended: Promise<void> } {
  const seen = { events: [] as CallEvent[], bytes: 0, ended: Promise.resolve() };
  seen.ended = new Promise((resolve) => {
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as {
        t: string;
        topic?: string;
        payload?: { events: CallEvent[] };
      };
      if (msg.t !== 'event' || msg.topic !== 'call.events') return;
      seen.bytes += data.length;
      for (const e of msg.payload!.events) seen.events.push(e);
      if (msg.payload!.events.some((e) => e.type === 'ended')) resolve();
    });
  });
  return seen;
}

it(
  'holds back call events for a page that does not read, and it catches up',
  { timeout: 240_000 },
  async () => {
    const stalled = await open();
    const stalledSeen = liveEvents(stalled);
    // This page stops reading: the host's queue for it fills.
    (stalled as unknown as { _socket: Socket })._socket.pause();
    const reader = await open();
    const readerSeen = liveEvents(reader);
    const benchDir = join(process.cwd(), 'bench');
    const { schemaId } = await invoke<{ schemaId: string }>(reader, 'schema.loadProtoFiles', {
      files: [join(benchDir, 'bench.proto')],
      importPaths: [benchDir],
    });
    const { callId } = await invoke<{ callId: string }>(reader, 'call.start', {
      schemaId,
      request: {
        ...newRequest(plaintextConnection(target), '/bench.Bench/Stream'),
        messages: [{ count: COUNT, size: SIZE }],
      },
      record: false,
    });
    await readerSeen.ended;
    const total = readerSeen.events.length;
    expect(readerSeen.events.filter((e) => e.type === 'received').length).toBe(COUNT);
    (stalled as unknown as { _socket: Socket })._socket.resume();
    await stalledSeen.ended;
    // What was queued before the backlog filled, plus the kernel's socket buffers, plus the end.
    expect(readerSeen.bytes).toBeGreaterThan(6 * MAX_PAGE_BACKLOG);
    expect(stalledSeen.bytes).toBeLessThan(4 * MAX_PAGE_BACKLOG);
    expect(stalledSeen.events.at(-1)!.type).toBe('ended');
    // The gap is there for call.events: from the first seq the page missed, to the end.
    const seqs = new Set(stalledSeen.events.map((e) => e.seq));
    let since = 0;
    while (seqs.has(since)) since++;
    expect(since).toBeLessThan(COUNT);
    let next = since;
    for (;;) {
      const page = await invoke<{ events: CallEvent[]; nextSeq: number; done: boolean }>(
        reader,
        'call.events',
        { callId, sinceSeq: next, limit: 100_000 },
      );
      for (const e of page.events)
        if (e.seq !== next++) throw new Error(`seq ${e.seq} out of order`);
      if (page.done) break;
    }
    expect(next).toBe(total);
  },
);
