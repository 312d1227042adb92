import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { events as eventSchemas, type EventPayload } from '../../shared/contract/index.js';
import { recordingEvents } from '../../shared/contract/recording-commands.js';
import { callEventsOf, demoRequest, startDemoEngineKit, type EngineKit } from './engine.testkit.js';

// The recording commands through the router against the real engine and the embedded demo server:
// a streaming call is recorded by default, listed, paged, exported and imported, replayed and
// diffed against the demo server, and served as a mock that a real call reaches, reporting which
// recording answered each call (mock.calls).

let kit: EngineKit;
let target: string;
let schemaId: string;
const TAIL = '/example.LogService/Tail';
const tailRequest = { source: 'rec', lines: 5, interval_ms: 10 };

const ended = (callId: string) => (p: EventPayload<'call.events'>) =>
  p.callId === callId && p.events.some((e) => e.type === 'ended');

async function runCall(input: {
  method: string;
  request: unknown;
  record?: boolean;
  at?: string;
}): Promise<string> {
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: demoRequest(input.at ?? target, input.method, [input.request as never]),
    ...(input.record !== undefined ? { record: input.record } : {}),
  });
  await kit.waitForEvent('call.events', ended(callId));
  return callId;
}

beforeAll(async () => {
  ({ kit, target, schemaId } = await startDemoEngineKit());
});

afterAll(async () => {
  await kit.close();
});

describe('recordings through the router', () => {
  let tailId: string;

  it('records a server stream by default and lists it under its method', async () => {
    await runCall({ method: TAIL, request: tailRequest });
    const { recordings, errors, dir } = await kit.call('recording.list', { method: TAIL });
    expect(errors).toEqual([]);
    expect(dir).toBe(join(kit.dataDir, 'recordings'));
    expect(recordings).toHaveLength(1);
    const rec = recordings[0]!;
    expect(rec).toMatchObject({
      method: TAIL,
      kind: 'server_stream',
      target,
      sent: 1,
      received: 5,
      complete: true,
      status: 'OK',
    });
    expect(rec.id).toMatch(/^example\.LogService\/Tail\/.+\.ndjson$/);
    expect(rec.sizeBytes).toBeGreaterThan(0);
    tailId = rec.id;
  });

  it('does not record unary calls unless asked, and records any call with record: true', async () => {
    const unary = '/example.UserService/GetUser';
    await runCall({ method: unary, request: { id: '1' } });
    expect((await kit.call('recording.list', { method: unary })).recordings).toHaveLength(0);
    await runCall({ method: unary, request: { id: '1' }, record: true });
    expect((await kit.call('recording.list', { method: unary })).recordings).toHaveLength(1);
    await runCall({ method: TAIL, request: { ...tailRequest, lines: 1 }, record: false });
    expect((await kit.call('recording.list', { method: TAIL })).recordings).toHaveLength(1);
    expect((await kit.call('recording.list', {})).recordings.length).toBe(2);
  });

  it('records a saved request started with variables when its Record toggle asks', async () => {
    const unary = '/example.UserService/GetUser';
    const before = (await kit.call('recording.list', { method: unary })).recordings.length;
    await kit.call('workspace.open', {});
    await kit.call('environment.save', { name: 'rec', variables: [{ name: 'who', value: '2' }] });
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, unary, [{ id: '{{who}}' }], { name: 'who' }),
      environment: 'rec',
      record: true,
    });
    await kit.waitForEvent('call.events', ended(callId));
    const after = (await kit.call('recording.list', { method: unary })).recordings;
    expect(after).toHaveLength(before + 1);
  });

  it('leaves no file behind when a recorded call cannot start', async () => {
    const before = (await kit.call('recording.list', {})).recordings.length;
    const reply = await kit.router.invoke('call.start', {
      schemaId,
      request: demoRequest(target, TAIL, [tailRequest], {
        metadata: [{ key: 'Bad Key', value: 'x' }],
      }),
    });
    expect(reply).toMatchObject({ t: 'error', code: 'metadata_error' });
    // A message that does not fit is found once the recorder is attached: its file goes too.
    const misfit = await kit.router.invoke('call.start', {
      schemaId,
      request: demoRequest(target, TAIL, [{ source: 5 }]),
    });
    expect(misfit).toMatchObject({ t: 'error', code: 'codec_error' });
    const after = await kit.call('recording.list', {});
    expect(after.recordings.length).toBe(before);
    expect(after.errors).toEqual([]);
  });

  it('keeps the raw bytes out of the live event stream of a recorded call', async () => {
    const callId = await runCall({ method: TAIL, request: { ...tailRequest, lines: 2 } });
    const received = callEventsOf(kit.events, callId).filter((e) => e.type === 'received');
    expect(received).toHaveLength(2);
    for (const e of received) expect((e as { raw?: string }).raw).toBeUndefined();
  });

  it('reads a recording a page at a time, by seq and by time', async () => {
    const first = await kit.call('recording.read', { id: tailId, limit: 4 });
    expect(first.events).toHaveLength(4);
    expect(first.events[0]!.type).toBe('started');
    expect(first.nextSeq).toBe(first.events[3]!.seq + 1);
    const rest = await kit.call('recording.read', {
      id: tailId,
      fromSeq: first.nextSeq!,
      limit: 1000,
    });
    expect(rest.nextSeq).toBeNull();
    const all = [...first.events, ...rest.events];
    expect(
      all
        .filter((e) => e.type === 'received')
        .map((e) => (e.type === 'received' ? (e.message as { text: string }).text : '')),
    ).toHaveLength(5);
    expect(all.at(-1)!.type).toBe('ended');
    const lastReceived = all.filter((e) => e.type === 'received').at(-1)!;
    const fromT = await kit.call('recording.read', {
      id: tailId,
      fromT: lastReceived.t,
      limit: 10,
    });
    expect(fromT.events[0]!.seq).toBeLessThanOrEqual(lastReceived.seq);
    expect(fromT.events.some((e) => e.seq === lastReceived.seq)).toBe(true);
    for (const e of all)
      if (e.type === 'received') expect((e as { raw?: string }).raw).toBeUndefined();
  });

  it('refuses ids outside the recordings folder and names missing ones', async () => {
    for (const id of [
      '../x.ndjson',
      '/etc/passwd.ndjson',
      'a/../../x.ndjson',
      'a\\b.ndjson',
      'x.txt',
    ]) {
      expect(await kit.router.invoke('recording.read', { id })).toMatchObject({
        t: 'error',
        code: 'invalid_input',
      });
    }
    expect(await kit.router.invoke('recording.delete', { id: 'nope/none.ndjson' })).toMatchObject({
      t: 'error',
      code: 'not_found',
      message: expect.stringContaining('nope/none.ndjson'),
    });
  });

  it('exports as NDJSON and JSON, imports the JSON export, deletes the copy', async () => {
    const nd = await kit.call('recording.export', { id: tailId, format: 'ndjson' });
    expect(nd.fileName).toMatch(/^example\.LogService\.Tail-.+\.ndjson$/);
    expect(nd.text.trim().split('\n')).toHaveLength(
      1 +
        (await kit.call('recording.list', { method: TAIL })).recordings.find(
          (r) => r.id === tailId,
        )!.events,
    );
    const json = await kit.call('recording.export', { id: tailId, format: 'json' });
    const doc = JSON.parse(json.text) as { header: { method: string }; events: unknown[] };
    expect(doc.header.method).toBe(TAIL);
    const { recording } = await kit.call('recording.import', { text: json.text });
    expect(recording).toMatchObject({ method: TAIL, received: 5, complete: true });
    expect(recording.id).toMatch(/-imported\.ndjson$/);
    await kit.call('recording.delete', { id: recording.id });
    expect(existsSync(join(kit.dataDir, 'recordings', recording.id))).toBe(false);
  });

  it('refuses an import that is not a recording, saying why', async () => {
    const reply = await kit.router.invoke('recording.import', { text: 'hello\n' });
    expect(reply).toMatchObject({ t: 'error', code: 'invalid_input' });
    expect(reply.t === 'error' && reply.message).toMatch(/imported file/);
  });

  it('replays against the demo server: only the timestamps differ, and ignoring them all match', async () => {
    const replay = await kit.call('recording.replay', { id: tailId, speed: 'max' });
    expect(replay.recording).toMatchObject({ method: TAIL, replayOf: tailId, received: 5 });
    expect(replay.diff.identical).toBe(false);
    expect(replay.diff.server).toMatchObject({ differing: 5, missing: 0, extra: 0 });
    const paths = new Set(
      replay.diff.messages.flatMap((m) => m.fields.map((f) => f.path.split('.')[0])),
    );
    expect([...paths]).toEqual(['at']);
    expect(replay.diff.text).toContain('DIFFERENT');

    const ignoring = await kit.call('recording.diff', {
      a: tailId,
      b: replay.recording.id,
      ignore: ['at'],
    });
    expect(ignoring.diff).toMatchObject({
      identical: true,
      server: { matching: 5, differing: 0 },
      client: { matching: 1 },
    });
    const timed = await kit.call('recording.replay', {
      id: tailId,
      speed: 4,
      ignore: ['at'],
      connection: { address: target, security: { kind: 'plaintext' } },
    });
    expect(timed.diff.identical).toBe(true);

    // The connection and the metadata rows take variables, as a call's do.
    await kit.call('environment.save', {
      name: 'replay',
      variables: [
        { name: 'demo', value: target },
        { name: 'run', value: 'again' },
      ],
    });
    await kit.call('environment.select', { name: 'replay' });
    const withRows = await kit.call('recording.replay', {
      id: tailId,
      speed: 'max',
      ignore: ['at'],
      connection: { address: '{{demo}}', security: { kind: 'plaintext' } },
      metadata: [
        { key: 'x-echo-run', value: '{{run}}' },
        { key: 'x-echo-off', value: 'no', enabled: false },
      ],
    });
    await kit.call('environment.select', { name: null });
    expect(withRows.recording).toMatchObject({ target, received: 5 });
    expect(withRows.diff.identical).toBe(false);
    expect(withRows.diff.headers).toEqual([
      expect.objectContaining({ path: expect.stringContaining('x-echo-run'), b: 'again' }),
    ]);
  });

  it('serves a recording as a mock that a real call reaches, until stopped', async () => {
    const mock = await kit.call('mock.start', { recordingIds: [tailId] });
    expect(mock.methods).toContain(TAIL);
    expect((await kit.call('mock.list', {})).mocks.map((m) => m.port)).toEqual([mock.port]);
    const callId = await runCall({
      method: TAIL,
      request: tailRequest,
      at: `127.0.0.1:${mock.port}`,
      record: false,
    });
    const log = callEventsOf(kit.events, callId);
    const texts = log.flatMap((e) =>
      e.type === 'received' ? [(e.message as { text: string }).text] : [],
    );
    const recorded = (await kit.call('recording.read', { id: tailId, limit: 100 })).events.flatMap(
      (e) => (e.type === 'received' ? [(e.message as { text: string }).text] : []),
    );
    expect(texts).toEqual(recorded);
    expect(log.find((e) => e.type === 'status')).toMatchObject({ status: { codeName: 'OK' } });
    const report = await kit.waitForEvent('mock.calls', (p) => p.mockId === mock.mockId);
    expect(report).toMatchObject({
      dropped: 0,
      calls: [{ method: TAIL, recording: tailId, matched: false, why: 'only recording' }],
    });
    expect(report.calls[0]!.at).toBeGreaterThan(Date.now() - 60_000);
    await kit.call('mock.stop', { mockId: mock.mockId });
    expect((await kit.call('mock.list', {})).mocks).toEqual([]);
    expect(await kit.router.invoke('mock.stop', { mockId: mock.mockId })).toMatchObject({
      code: 'not_found',
    });
  });

  it('serves every recording of a method and refuses a mock with nothing to serve', async () => {
    const mock = await kit.call('mock.start', { method: TAIL });
    expect(mock.recordings.length).toBeGreaterThan(1);
    await kit.call('mock.stop', { mockId: mock.mockId });
    expect(await kit.router.invoke('mock.start', { method: '/example.None/X' })).toMatchObject({
      code: 'not_found',
    });
    expect(await kit.router.invoke('mock.start', {})).toMatchObject({ code: 'invalid_input' });
  });

  it('reports, per call from a plain grpc-js client, the recording that answered and why', async () => {
    // Typed with a proto field name: the mock compares requests in canonical proto3 JSON.
    await runCall({ method: TAIL, request: { source: 'other', lines: 2, interval_ms: 1 } });
    const otherId = (await kit.call('recording.list', { method: TAIL })).recordings.find(
      (r) => r.received === 2 && !r.replayOf,
    )!.id;
    const mock = await kit.call('mock.start', { recordingIds: [tailId, otherId] });
    const client = new grpc.Client(`127.0.0.1:${mock.port}`, grpc.credentials.createInsecure());
    // The recorded request's bytes, so the call is exactly the recorded one.
    const sentRaw = (id: string): Buffer => {
      const lines = readFileSync(join(kit.dataDir, 'recordings', id), 'utf8').split('\n');
      const sent = lines
        .map((l) => (l ? (JSON.parse(l) as { type?: string; raw?: string }) : {}))
        .find((e) => e.type === 'sent');
      return Buffer.from(sent!.raw!, 'base64');
    };
    const callMock = (request: Buffer): Promise<number> =>
      new Promise((resolve, reject) => {
        let received = 0;
        const call = client.makeServerStreamRequest(
          TAIL,
          (b: Buffer) => b,
          (b: Buffer) => b,
          request,
        );
        call.on('data', () => received++);
        call.on('error', reject);
        call.on('status', (s: grpc.StatusObject) =>
          s.code === grpc.status.OK ? resolve(received) : reject(new Error(s.details)),
        );
      });
    try {
      expect(await callMock(sentRaw(otherId))).toBe(2);
      const matched = await kit.waitForEvent('mock.calls', (p) => p.mockId === mock.mockId);
      expect(matched).toEqual({
        mockId: mock.mockId,
        dropped: 0,
        calls: [
          {
            at: expect.any(Number),
            method: TAIL,
            recording: otherId,
            matched: true,
            why: 'first client message matched',
          },
        ],
      });

      // source "nomat", lines 0: no recording has it, so the first one given answers.
      expect(await callMock(Buffer.from([0x0a, 0x05, ...Buffer.from('nomat')]))).toBe(5);
      const fallback = await kit.waitForEvent(
        'mock.calls',
        (p) => p.mockId === mock.mockId && p !== matched,
      );
      expect(fallback.calls).toEqual([
        {
          at: expect.any(Number),
          method: TAIL,
          recording: tailId,
          matched: false,
          why: expect.stringMatching(/^default: /),
        },
      ]);
    } finally {
      client.close();
      await kit.call('mock.stop', { mockId: mock.mockId });
    }
  });

  it('every recording event emitted matches its declared schema, and every one was emitted', () => {
    const mine = kit.events.filter((e) => Object.hasOwn(recordingEvents, e.topic));
    for (const e of mine) expect(() => eventSchemas[e.topic].parse(e.payload)).not.toThrow();
    expect(new Set(mine.map((e) => e.topic))).toEqual(new Set(Object.keys(recordingEvents)));
  });
});
