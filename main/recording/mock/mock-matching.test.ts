// Choosing a recording by the client's messages for client-stream and bidi calls: real grpc-js
// clients against the real mock server, recordings made from real calls to the demo server (or
// written through the real writer when a timing or ordering the demo server never makes is needed).
import * as grpc from '@grpc/grpc-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { mockCommand } from '../cli-commands.js';
import { exampleSchema, exampleStubs, tempDir } from '../recording.testkit.js';
import { twoStrings } from '../testdata/synthetic.js';
import { recordingHeaderFor } from '../writer/call-recorder.js';
import { createRecordingWriter } from '../writer/recording-writer.js';
import { recordDemoCalls } from './demo-recordings.testkit.js';
import { startMockServer, type MockCallReport, type MockServer } from './index.js';

const CHAT = '/example.ChatService/Chat';
const UPLOAD = '/example.BatchService/Upload';
const TAIL = '/example.LogService/Tail';
const tmp = tempDir();
const files: Record<string, string> = {};
const servers: MockServer[] = [];
let stubs: Record<string, grpc.ServiceClientConstructor>;

/** A bidi Chat recording with the given messages at the given times (ms from the start). */
async function writeChat(
  file: string,
  script: { dir: 'client' | 'server'; sender: string; t: number }[],
): Promise<void> {
  const schema = exampleSchema();
  const header = recordingHeaderFor(
    { registry: schema.registry, method: CHAT, target: 't:0' },
    file,
  );
  const w = createRecordingWriter({ path: file, header });
  let seq = 0;
  const put = (body: Record<string, unknown>, t: number): void =>
    w.write({ ...body, seq: seq++, t } as CallEvent);
  put(
    {
      type: 'started',
      at: Date.now(),
      method: CHAT,
      kind: 'bidi_stream',
      target: 't:0',
      metadata: [],
    },
    0,
  );
  let headers = false;
  for (const { dir, sender, t } of script) {
    const content = dir === 'client' ? 'hi' : `to ${sender}`;
    const raw = twoStrings(sender, content);
    if (dir === 'server' && !headers) {
      put({ type: 'headers', metadata: [{ key: 'x-from', value: file }] }, t);
      headers = true;
    }
    const payload = { message: { sender, content }, size: raw.length, raw: raw.toString('base64') };
    put({ type: dir === 'client' ? 'sent' : 'received', ...payload }, t);
  }
  const end = (script.at(-1)?.t ?? 0) + 1;
  put({ type: 'half_closed' }, end);
  put({ type: 'status', status: { code: 0, codeName: 'OK', message: '', details: [] } }, end);
  put({ type: 'ended', durationMs: end }, end);
  await w.close();
}

async function mockOf(names: string[], reports: MockCallReport[]): Promise<MockServer> {
  const server = await startMockServer({
    recordings: names.map((n) => files[n] as string),
    onCall: (r) => reports.push(r),
  });
  servers.push(server);
  return server;
}

function client(server: MockServer, service: string): grpc.Client {
  const Ctor = stubs[service] as grpc.ServiceClientConstructor;
  return new Ctor(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
}

type Summary = { count: number; total: number; keys: string[] };

async function upload(server: MockServer, records: { key: string; number: number }[]) {
  const c = client(server, 'BatchService');
  try {
    return await new Promise<Summary>((resolve, reject) => {
      const method = c['Upload' as keyof grpc.Client] as unknown as (
        cb: (e: Error | null, r: Summary) => void,
      ) => grpc.ClientWritableStream<unknown>;
      const call = method.call(c, (e, r) => (e ? reject(e) : resolve(r)));
      for (const r of records) call.write(r);
      call.end();
    });
  } finally {
    c.close();
  }
}

type Chat = { sender: string; content?: string };

/** Opens a Chat call and hands back its messages as they come, with their arrival times. */
function chat(server: MockServer) {
  const c = client(server, 'ChatService');
  const start = performance.now();
  const method = c['Chat' as keyof grpc.Client] as unknown as () => grpc.ClientDuplexStream<
    Chat,
    Chat
  >;
  const call = method.call(c);
  const got: { m: Chat; at: number }[] = [];
  const waiters: (() => void)[] = [];
  call.on('data', (m: Chat) => {
    got.push({ m, at: performance.now() - start });
    waiters.splice(0).forEach((w) => w());
  });
  const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
  return {
    call,
    got,
    status,
    /** Resolves once n messages have arrived (the test's timeout fails it otherwise). */
    async received(n: number): Promise<Chat[]> {
      while (got.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return got.map((g) => g.m);
    },
    close: () => c.close(),
  };
}

beforeAll(async () => {
  const recorded = await recordDemoCalls(tmp, [
    {
      name: 'uploadA',
      method: UPLOAD,
      requests: [
        { key: 'k1', number: 7 },
        { key: 'k2', number: 8 },
      ],
    },
    { name: 'uploadB', method: UPLOAD, requests: [{ key: 'b', number: 1 }] },
    {
      name: 'uploadC',
      method: UPLOAD,
      requests: [
        { key: 'k1', number: 7 },
        { key: 'k2', number: 9 },
      ],
    },
    { name: 'chatA', method: CHAT, requests: [{ sender: 'ann' }, { sender: 'bob' }] },
    // Typed with proto field names, as the JSON editor allows; the live request decodes to JSON names.
    { name: 'tailA', method: TAIL, requests: [{ source: 'a', lines: 1, interval_ms: 1 }] },
    { name: 'tailB', method: TAIL, requests: [{ source: 'b', lines: 1, interval_ms: 2 }] },
  ]);
  Object.assign(files, recorded);
  files['chatTimed'] = tmp.file('chatTimed.ndjson');
  await writeChat(files['chatTimed'], [
    { dir: 'client', sender: 'tim', t: 1 },
    { dir: 'server', sender: 'tim', t: 80 },
    { dir: 'server', sender: 'tim', t: 200 },
  ]);
  files['greeter'] = tmp.file('greeter.ndjson');
  await writeChat(files['greeter'], [
    { dir: 'server', sender: 'welcome', t: 1 },
    { dir: 'client', sender: 'tim', t: 2 },
  ]);
  stubs = exampleStubs();
}, 30_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  tmp.remove();
});

describe('client stream: the recording whose client messages all match', () => {
  const reports: MockCallReport[] = [];
  let mock: MockServer;
  beforeAll(async () => {
    mock = await mockOf(['uploadA', 'uploadB', 'uploadC'], reports);
  });

  it('each recorded request sequence gets its own server side', async () => {
    const b = await upload(mock, [{ key: 'b', number: 1 }]);
    expect(b).toMatchObject({ count: 1, keys: ['b'] });
    const a = await upload(mock, [
      { key: 'k1', number: 7 },
      { key: 'k2', number: 8 },
    ]);
    expect(a).toMatchObject({ count: 2, total: 15, keys: ['k1', 'k2'] });
    // Same first message and count as uploadA; only the last message tells them apart.
    const c = await upload(mock, [
      { key: 'k1', number: 7 },
      { key: 'k2', number: 9 },
    ]);
    expect(c).toMatchObject({ count: 2, total: 16 });
    expect(reports.splice(0)).toEqual([
      {
        method: UPLOAD,
        file: files['uploadB'],
        matched: true,
        why: 'all 1 client messages matched',
      },
      {
        method: UPLOAD,
        file: files['uploadA'],
        matched: true,
        why: 'all 2 client messages matched',
      },
      {
        method: UPLOAD,
        file: files['uploadC'],
        matched: true,
        why: 'all 2 client messages matched',
      },
    ]);
  });

  it('no exact match (other values, other order, a prefix, nothing) → the first recording', async () => {
    const sequences = [
      [{ key: 'x', number: 1 }],
      [
        { key: 'k2', number: 8 },
        { key: 'k1', number: 7 },
      ],
      [{ key: 'k1', number: 7 }],
      [
        { key: 'k1', number: 7 },
        { key: 'k2', number: 8 },
        { key: 'k3', number: 9 },
      ],
      [],
    ];
    for (const records of sequences) {
      expect(await upload(mock, records)).toMatchObject({ count: 2, total: 15 });
    }
    expect(reports.splice(0).map((r) => [r.file, r.matched, r.why])).toEqual(
      [1, 2, 1, 3, 0].map((n) => [
        files['uploadA'],
        false,
        `default: no recording matches the client's ${n} messages`,
      ]),
    );
  });
});

describe('bidi: chosen by the first client message, server side not held back', () => {
  const reports: MockCallReport[] = [];
  let mock: MockServer;
  beforeAll(async () => {
    mock = await mockOf(['chatA', 'chatTimed'], reports);
  });

  it('the first message picks the recording; its answers flow before the half-close, on time', async () => {
    const c = chat(mock);
    c.call.write({ sender: 'tim', content: 'hi' });
    // Not half-closed yet: both recorded answers must still come.
    expect(await c.received(2)).toEqual([
      { sender: 'tim', content: 'to tim' },
      { sender: 'tim', content: 'to tim' },
    ]);
    const [first = 0, second = 0] = c.got.map((g) => g.at);
    // Recorded 80 and 200 ms after the start: the timing is kept from the call's start, so
    // neither comes early. Not the gap between them: a loaded machine that holds the first back
    // past 200 ms rightly sends both at once (a gap of 0.2 ms was seen at load 11).
    expect(first).toBeGreaterThanOrEqual(70);
    expect(second).toBeGreaterThanOrEqual(190);
    c.call.end();
    expect((await c.status).code).toBe(grpc.status.OK);
    c.close();
    expect(reports.splice(0)).toEqual([
      {
        method: CHAT,
        file: files['chatTimed'],
        matched: true,
        why: 'first client message matched',
      },
    ]);
  });

  it('no match → the first recording; later messages do not change the choice', async () => {
    const c = chat(mock);
    c.call.write({ sender: 'zed' });
    c.call.write({ sender: 'tim', content: 'hi' });
    expect(await c.received(2)).toEqual([
      { sender: 'Workbench', content: 'Hello, ann!' },
      { sender: 'Workbench', content: 'Hello, bob!' },
    ]);
    c.call.end();
    expect((await c.status).code).toBe(grpc.status.OK);
    c.close();
    const silent = chat(mock);
    silent.call.end();
    expect((await silent.status).code).toBe(grpc.status.OK);
    silent.close();
    expect(reports.splice(0).map((r) => [r.file, r.matched, r.why])).toEqual([
      [files['chatA'], false, 'default: no recording has this client message'],
      [files['chatA'], false, 'default: the client sent no message'],
    ]);
  });

  it('a default whose server speaks first is chosen when the call starts', async () => {
    const own: MockCallReport[] = [];
    const greeter = await mockOf(['greeter', 'chatTimed'], own);
    const c = chat(greeter);
    // The client says nothing until the server has spoken: waiting for it would hang.
    expect(await c.received(1)).toEqual([{ sender: 'welcome', content: 'to welcome' }]);
    c.call.write({ sender: 'tim', content: 'hi' });
    c.call.end();
    expect((await c.status).code).toBe(grpc.status.OK);
    c.close();
    expect(own).toEqual([
      {
        method: CHAT,
        file: files['greeter'],
        matched: false,
        why: 'default: its server sends before the client does, so the recording is chosen when the call starts',
      },
    ]);
  });
});

describe('loading and reporting', () => {
  it('gwb mock prints which recording served each call', async () => {
    const lines: string[] = [];
    const mock = await mockCommand({
      inputs: [files['uploadA'] as string, files['uploadB'] as string],
      log: (line) => lines.push(line),
    });
    servers.push(mock);
    await upload(mock, [{ key: 'b', number: 1 }]);
    expect(lines).toEqual([`${UPLOAD} <- ${files['uploadB']} (all 1 client messages matched)\n`]);
  });

  it('a request recorded with proto field names matches the same request sent as bytes', async () => {
    // Without `raw` the recorded JSON is normalised through the codec instead of the bytes.
    const noRaw = tmp.file('tailB-noraw.ndjson');
    writeFileSync(
      noRaw,
      readFileSync(files['tailB'] as string, 'utf8').replace(/,"raw":"[^"]*"/g, ''),
    );
    const reports: MockCallReport[] = [];
    const mock = await startMockServer({
      recordings: [files['tailA'] as string, noRaw],
      onCall: (r) => reports.push(r),
    });
    servers.push(mock);
    const c = client(mock, 'LogService');
    try {
      for (const request of [
        { source: 'b', lines: 1, interval_ms: 2 },
        { source: 'a', lines: 1, interval_ms: 1 },
      ]) {
        const method = c['Tail' as keyof grpc.Client] as unknown as (
          r: object,
        ) => grpc.ClientReadableStream<unknown>;
        const call = method.call(c, request);
        call.on('data', () => undefined);
        await new Promise((resolve) => call.on('status', resolve));
      }
    } finally {
      c.close();
    }
    expect(reports.map((r) => [r.file, r.matched])).toEqual([
      [noRaw, true],
      [files['tailA'], true],
    ]);
  });

  it('a recorded client message that does not fit its type is reported at load', async () => {
    const lines = readFileSync(files['tailA'] as string, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"sent"'));
    lines[at] = (lines[at] as string)
      .replace(/,"raw":"[^"]*"/, '')
      .replace('"lines":1', '"lines":"many"');
    const bad = tmp.file('tail-bad.ndjson');
    writeFileSync(bad, lines.join('\n'));
    await expect(startMockServer({ recordings: [bad] })).rejects.toThrow(
      `tail-bad.ndjson:${at + 1}: the client message does not fit example.TailRequest`,
    );
  });

  it('a corrupt client message line is reported at load with file and line', async () => {
    const lines = readFileSync(files['uploadA'] as string, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"sent"'));
    lines[at] = (lines[at] as string).slice(0, 30);
    const bad = tmp.file('upload-bad.ndjson');
    writeFileSync(bad, lines.join('\n'));
    await expect(startMockServer({ recordings: [bad] })).rejects.toThrow(
      `upload-bad.ndjson:${at + 1}: not valid JSON`,
    );
  });

  it('a recording cut inside its header is reported at load', async () => {
    const cut = tmp.file('cut.ndjson');
    writeFileSync(cut, readFileSync(files['chatA'] as string, 'utf8').slice(0, 60));
    await expect(startMockServer({ recordings: [cut] })).rejects.toThrow(
      /cut\.ndjson:1: not valid JSON/,
    );
  });
});
