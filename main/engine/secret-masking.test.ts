import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../shared/calls/events.js';
import type { EventPayload } from '../../shared/contract/index.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';
import { historyEntriesOnDisk } from '../workspace/history/history.testkit.js';

// Issue 11.1: a secret variable used in metadata and in messages of all four call kinds, through
// the real engine to a real demo server that only answers the real value (so the wire has it) and
// echoes it back in headers, trailers, messages, status messages and status details. Nothing the
// engine keeps or hands out — events any client got, `call.events` catch-up, recordings (files,
// read, export), history (files, list, get), error messages — may hold the value, nor its base64
// (at any byte offset) or hex.

const SENTINEL = `SENTINEL-${randomUUID()}`;
const AUTH = { key: 'authorization', value: 'Bearer {{token}}' };
const ECHO = { key: 'x-echo-token', value: 'echo {{token}}' };

/** The sentinel as text, as hex, and as base64 / base64url at each of the three byte offsets. */
function forms(): string[] {
  const out = [SENTINEL, Buffer.from(SENTINEL).toString('hex')];
  out.push(out[1]!.toUpperCase());
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad, 0xff), Buffer.from(SENTINEL)]);
    // The characters that depend only on the sentinel's bytes: skip the padding's, drop the tail's.
    const skip = Math.ceil((pad * 4) / 3);
    for (const enc of ['base64', 'base64url'] as const)
      out.push(encoded.toString(enc).slice(skip, -4));
  }
  return out;
}
const FORMS = forms();

function leaks(text: string): string[] {
  return FORMS.filter((form) => text.includes(form));
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(full));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/** Waits until `count` history entries are whole files (history writes in batches). */
async function historyOnDisk(dir: string, count: number): Promise<void> {
  // A batch of entries is one file: the entries are counted.
  const whole = (): number => (existsSync(dir) ? historyEntriesOnDisk(dir).length : 0);
  for (let i = 0; i < 400 && whole() < count; i++) await new Promise((r) => setTimeout(r, 25));
  expect(whole()).toBeGreaterThanOrEqual(count);
}

let kit: EngineKit;
let server: DemoServer;
let schemaId: string;
let target: string;
const callIds: string[] = [];
const errors: string[] = [];

const endedEvent = (callId: string) => (p: EventPayload<'call.events'>) =>
  p.callId === callId && p.events.some((e) => e.type === 'ended');

async function run(method: string, messages: JsonValue[], extra: { halfClose?: boolean } = {}) {
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: demoRequest(target, method, messages, { metadata: [AUTH, ECHO] }),
    environment: 'prod',
    keepRaw: true,
    record: true,
    ...extra,
  });
  callIds.push(callId);
  return callId;
}

async function logOf(callId: string) {
  await kit.waitForEvent('call.events', endedEvent(callId));
  return (await kit.call('call.events', { callId, sinceSeq: 0, limit: 10_000 })).events;
}

async function statusOf(callId: string): Promise<number | undefined> {
  const status = (await logOf(callId)).find((e) => e.type === 'status');
  return status?.type === 'status' ? status.status.code : undefined;
}

beforeAll(async () => {
  // The demo answers UNAUTHENTICATED unless the real value arrives: a masked wire would fail.
  server = await startDemoServer({ port: 0, requireAuthorization: `Bearer ${SENTINEL}` });
  target = `127.0.0.1:${server.port}`;
  kit = startEngineKit();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
  await kit.call('environment.save', {
    name: 'prod',
    variables: [{ name: 'token', value: SENTINEL, secret: true }],
  });
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
});

describe('a secret used by calls of all four kinds', () => {
  it('goes on the wire: every call gets past the server’s authorization check', async () => {
    // Unary: the demo answers NOT_FOUND quoting the id, in the message and in its details.
    const unary = await run('/example.UserService/GetUser', [{ id: '{{token}}' }]);
    expect(await statusOf(unary)).toBe(5);
    // Server stream: every line's text and fields echo the source.
    const tail = await run('/example.LogService/Tail', [
      { source: '{{token}}', lines: 3, interval_ms: 1 },
    ]);
    expect(await statusOf(tail)).toBe(0);
    // Client stream: the summary lists each key; a bytes field holds the value too.
    const upload = await run(
      '/example.BatchService/Upload',
      [
        { key: '{{token}}', text: 'a {{token}} b' },
        { key: 'k', blob: Buffer.from(`xy${SENTINEL}`).toString('base64') },
      ],
      { halfClose: true },
    );
    expect(await statusOf(upload)).toBe(0);
    // Bidi: the bot greets the sender; one more message comes later through call.send.
    const chat = await run('/example.ChatService/Chat', [
      { sender: '{{token}}', content: 'hi {{token}}' },
    ]);
    await kit.call('call.send', { callId: chat, message: { sender: SENTINEL, content: 'again' } });
    await kit.call('call.halfClose', { callId: chat });
    expect(await statusOf(chat)).toBe(0);

    const received = (await logOf(tail)).filter((e) => e.type === 'received');
    expect(received).toHaveLength(3);
    expect(received[0]).toMatchObject({
      message: { text: '[secret:token]: line 1', fields: { source: '[secret:token]' } },
      rawDropped: 'secret',
    });
    const headers = (await logOf(unary)).find((e) => e.type === 'trailers');
    expect(headers?.type === 'trailers' && headers.metadata).toContainEqual({
      key: 'x-echo-token',
      value: 'echo [secret:token]',
    });
    const started = (await logOf(unary)).find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.metadata).toContainEqual({
      key: 'authorization',
      value: 'Bearer [secret:token]',
    });
  });

  it('is masked in an error message that quotes it', async () => {
    const reply = await kit.router.invoke('call.start', {
      schemaId,
      request: demoRequest(target, '/example.BatchService/Upload', [{}], {
        metadata: [AUTH, { key: 'x-token-bin', value: '{{token}}!' }],
      }),
      environment: 'prod',
    });
    expect(reply.t).toBe('error');
    const text = JSON.stringify(reply);
    errors.push(text);
    expect(text).toContain('[secret:token]');
  });

  it('is taken from the environment again when a recording is replayed, and only there', async () => {
    const { recordings } = await kit.call('recording.list', {});
    const idOf = (method: string) => recordings.find((r) => r.method === method)!.id;
    // No environment: the replay says which masked value it cannot reproduce, and sends nothing.
    await kit.call('environment.select', { name: null });
    const refused = await kit.router.invoke('recording.replay', {
      id: idOf('/example.ChatService/Chat'),
    });
    expect(refused).toMatchObject({ t: 'error', code: 'invalid_input' });
    expect(refused.t === 'error' && refused.message).toMatch(
      /secret "token", masked in it, and no environment is selected/,
    );
    // With it: the server lets the replay in (the real value went out) and answers as before.
    await kit.call('environment.select', { name: 'prod' });
    const chat = await kit.call('recording.replay', { id: idOf('/example.ChatService/Chat') });
    expect(chat.recording).toMatchObject({ status: 'OK', sent: 2, received: 2 });
    expect(chat.diff.identical).toBe(true);
    // The messages went out with the value (their sizes are the original's), recorded masked.
    const sentOf = async (id: string) =>
      (await kit.call('recording.read', { id, limit: 100 })).events.filter(
        (e) => e.type === 'sent',
      );
    const replayed = await sentOf(chat.recording.id);
    expect(replayed.map((e) => e.type === 'sent' && e.size)).toEqual(
      (await sentOf(idOf('/example.ChatService/Chat'))).map((e) => e.type === 'sent' && e.size),
    );
    expect(replayed[0]).toMatchObject({
      message: { sender: '[secret:token]' },
      rawDropped: 'secret',
    });
    const tail = await kit.call('recording.replay', { id: idOf('/example.LogService/Tail') });
    expect(tail.recording).toMatchObject({ status: 'OK', received: 3 });
    // A value masked inside a bytes field cannot be put back: the replay says so.
    const upload = await kit.router.invoke('recording.replay', {
      id: idOf('/example.BatchService/Upload'),
    });
    expect(upload.t === 'error' && upload.message).toMatch(/masked inside its bytes/);
  });

  it('is not reproduced by a mock of the recording, which says so', async () => {
    const { recordings } = await kit.call('recording.list', { method: '/example.LogService/Tail' });
    const original = recordings.find((r) => !r.id.includes('-replay'))!.id;
    const mock = await kit.call('mock.start', { recordingIds: [original], port: 0 });
    try {
      expect(mock.masked).toEqual([{ recording: original, secrets: ['token'] }]);
      const { callId } = await kit.call('call.start', {
        schemaId,
        request: demoRequest(`127.0.0.1:${mock.port}`, '/example.LogService/Tail', [{}]),
      });
      const received = (await logOf(callId)).filter((e) => e.type === 'received');
      expect(received[0]).toMatchObject({ message: { text: '[secret:token]: line 1' } });
    } finally {
      await kit.call('mock.stop', { mockId: mock.mockId });
    }
  });

  it('is found nowhere the engine keeps or hands out anything, in any form', async () => {
    const seen: string[] = [];
    // Every event any client was sent (the emit callback), and every catch-up page.
    seen.push(JSON.stringify(kit.events));
    for (const callId of callIds)
      seen.push(
        JSON.stringify(await kit.call('call.events', { callId, sinceSeq: 0, limit: 10_000 })),
      );
    seen.push(...errors);
    // Recordings: the listing, each page of each, each export.
    const { recordings } = await kit.call('recording.list', {});
    expect(recordings.length).toBeGreaterThan(callIds.length); // and the replays'
    seen.push(JSON.stringify(recordings));
    for (const r of recordings) {
      seen.push(JSON.stringify(await kit.call('recording.read', { id: r.id, limit: 1000 })));
      for (const format of ['ndjson', 'json'] as const)
        seen.push((await kit.call('recording.export', { id: r.id, format })).text);
    }
    // History: the listing and each entry.
    const history = await kit.call('history.list', {});
    expect(history.entries.length).toBeGreaterThanOrEqual(callIds.length);
    seen.push(JSON.stringify(history));
    for (const e of history.entries)
      seen.push(JSON.stringify(await kit.call('history.get', { id: e.id })));
    // Every file under the data folder and the workspace (which sits in it) — once history's
    // batched writes have put every call's entry on disk, so they are read too.
    const { dir } = await kit.call('workspace.tree', {});
    await historyOnDisk(join(dir, 'history'), history.entries.length);
    const files = filesUnder(kit.baseDir);
    expect(files.some((f) => f.endsWith('.ndjson'))).toBe(true);
    const leaking = files.flatMap((f) =>
      leaks(readFileSync(f, 'latin1')).map((form) => `${f}: ${form}`),
    );
    expect(leaking).toEqual([]);
    expect(seen.flatMap(leaks)).toEqual([]);
    // The masked form is what they hold instead.
    expect(seen.join('\n')).toContain('[secret:token]');
  });

  it('writes recordings and history as 0600 files in 0700 folders', async () => {
    const { dir } = await kit.call('workspace.tree', {});
    const kept = filesUnder(join(kit.dataDir, 'recordings')).concat(
      filesUnder(join(dir, 'history')),
    );
    expect(kept.length).toBeGreaterThan(callIds.length * 2);
    for (const file of kept) {
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
      expect(statSync(join(file, '..')).mode & 0o777, file).toBe(0o700);
    }
  });
});
