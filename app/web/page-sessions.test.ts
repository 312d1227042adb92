import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { newRequest, plaintextConnection } from '../../shared/request/index.js';
import { startWebHost, type WebHost } from './index.js';

// Running calls belong to the pages of the web host: a real WebSocket client starts a stream on
// the real demo server, goes away, and after the (short, for the test) grace period the stream
// is cancelled with the reason and its recording closed; a page back within the grace keeps it.

/** Long enough that a reload on a loaded machine reattaches within it (a reload takes ms). */
const GRACE_MS = 1000;
let dir: string;
let host: WebHost;
let nextId = 1;

interface Reply {
  t: string;
  output?: Record<string, unknown>;
  code?: string;
  message?: string;
}

function openPage(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, {
      headers: { origin: `http://127.0.0.1:${host.port}` },
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, name: string, input: unknown): Promise<Reply> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as Reply & { id?: number };
      if (msg.t === 'event' || msg.id !== id) return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'call', id, name, input }));
  });
}

async function output(
  ws: WebSocket,
  name: string,
  input: unknown,
): Promise<Record<string, unknown>> {
  const reply = await call(ws, name, input);
  if (reply.t !== 'result') throw new Error(`${name}: ${reply.code}: ${reply.message}`);
  return reply.output!;
}

function closed(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    ws.once('close', () => resolve());
    ws.close();
  });
}

/** Starts an endless server stream (recorded: streams are by default) and waits for a message. */
async function startEndlessStream(ws: WebSocket): Promise<string> {
  const { target } = (await output(ws, 'demo.start', {})) as { target: string };
  const connection = plaintextConnection(target);
  const { schemaId } = (await output(ws, 'schema.load', { connection })) as { schemaId: string };
  const firstMessage = new Promise<void>((resolve) => {
    const onMessage = (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as {
        t: string;
        topic?: string;
        payload?: { events: { type: string }[] };
      };
      if (msg.topic === 'call.events' && msg.payload?.events.some((e) => e.type === 'received')) {
        ws.off('message', onMessage);
        resolve();
      }
    };
    ws.on('message', onMessage);
  });
  const { callId } = (await output(ws, 'call.start', {
    schemaId,
    request: {
      ...newRequest(connection, '/example.LogService/Tail'),
      messages: [{ source: 'page', lines: 0, intervalMs: 5 }],
    },
  })) as { callId: string };
  await firstMessage;
  return callId;
}

async function statusOf(ws: WebSocket, callId: string) {
  const log = (await output(ws, 'call.events', { callId, limit: 100_000 })) as {
    done: boolean;
    events: { type: string; status?: { codeName: string; message: string } }[];
  };
  return { done: log.done, status: log.events.find((e) => e.type === 'status')?.status };
}

/** The Tail recordings in the host's data folder, by file name. */
function tailRecordings(): string[] {
  const folder = join(dir, 'data', 'recordings', 'example.LogService', 'Tail');
  return existsSync(folder) ? readdirSync(folder).map((name) => join(folder, name)) : [];
}

/**
 * Waits, without a page (opening one would reattach and stop the grace timer), until a Tail
 * recording not among `earlier` has its `ended` line: the host cancelled its call.
 */
async function untilNewTailRecordingEnds(earlier: string[]): Promise<void> {
  await expect
    .poll(
      () =>
        tailRecordings().some(
          (file) =>
            !earlier.includes(file) && readFileSync(file, 'utf8').includes('"type":"ended"'),
        ),
      { timeout: 20_000, interval: 50 },
    )
    .toBe(true);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-pages-'));
  host = await startWebHost({
    port: 0,
    dataDir: join(dir, 'data'),
    staticDir: join(dir, 'renderer'),
    detachedGraceMs: GRACE_MS,
  });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('calls and the pages of the web host', () => {
  it('keeps a stream running through a page reload within the grace period', async () => {
    const page = await openPage();
    const callId = await startEndlessStream(page);
    await closed(page);
    const reloaded = await openPage();
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 2));
    expect(await statusOf(reloaded, callId)).toEqual({ done: false, status: undefined });
    await output(reloaded, 'call.cancel', { callId });
    await closed(reloaded);
  });

  it('cancels the streams of a page gone for the grace period, with the reason, closing the recording', async () => {
    const earlier = tailRecordings();
    const page = await openPage();
    const callId = await startEndlessStream(page);
    const before = (await output(page, 'recording.list', {})) as { recordings: unknown[] };
    await closed(page);
    await untilNewTailRecordingEnds(earlier);

    const later = await openPage();
    const { done, status } = await statusOf(later, callId);
    expect(done).toBe(true);
    expect(status).toMatchObject({
      codeName: 'CANCELLED',
      message: 'cancelled by gwb serve: no page of the workbench has been open for 1 s',
    });
    const { recordings } = (await output(later, 'recording.list', {
      method: '/example.LogService/Tail',
    })) as { recordings: { complete: boolean; status?: string }[] };
    expect(recordings).toHaveLength(before.recordings.length);
    expect(recordings.at(-1)).toMatchObject({ complete: true, status: 'CANCELLED' });
    await closed(later);
  });
});
