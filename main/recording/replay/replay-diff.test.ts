import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { startPythonPeer, type PythonPeer } from '../../../test/python/peer.js';
import type { LoadedSchema } from '../../schema/index.js';
import { diffRecordings, formatDiffSummary } from '../diff/index.js';
import { EventCursor } from '../reader/index.js';
import { exampleSchema, plainClient, recordCall, tempDir } from '../recording.testkit.js';
import { replayRecording } from './replay-recording.js';
import { demoReplayFixture } from './replay.testkit.js';

interface Case {
  name: string;
  method: string;
  requests: JsonValue[];
  /** Fields that change from run to run (server clock). */
  ignore: string[];
  status: string;
}

const CASES: Case[] = [
  {
    name: 'unary',
    method: '/example.UserService/GetUser',
    requests: [{ id: '2' }],
    ignore: [],
    status: 'OK',
  },
  {
    name: 'unary error with details',
    method: '/example.UserService/GetUser',
    requests: [{ id: 'nobody' }],
    ignore: [],
    status: 'NOT_FOUND',
  },
  {
    name: 'server stream',
    method: '/example.LogService/Tail',
    requests: [{ source: 'rec', lines: 4, intervalMs: 1 }],
    ignore: ['at'],
    status: 'OK',
  },
  {
    name: 'client stream',
    method: '/example.BatchService/Upload',
    requests: [
      { key: 'a', number: 5 },
      { key: 'b', text: 'héllo' },
      { key: 'c', blob: 'AAEC' },
    ],
    ignore: [],
    status: 'OK',
  },
  {
    name: 'bidi stream',
    method: '/example.ChatService/Chat',
    requests: [
      { sender: 'ann', content: 'hi' },
      { sender: 'bob', content: 'yo' },
      { sender: '', content: '?' },
    ],
    ignore: [],
    status: 'OK',
  },
];

const METADATA = [
  { key: 'x-echo-trace', value: 'rec-42' },
  { key: 'x-echo-bin', value: Buffer.from([0xab, 0xab, 0xab]).toString('base64') },
];

async function events(file: string) {
  const cursor = new EventCursor(file);
  const out = [];
  for (let item = await cursor.next(); item; item = await cursor.next()) out.push(item.event);
  return out;
}

let schema: LoadedSchema;
const tmp = tempDir();
beforeAll(() => {
  schema = exampleSchema();
});
afterAll(() => tmp.remove());

describe.each([
  [
    'demo server',
    async () => {
      const demo: DemoServer = await startDemoServer({ port: 0 });
      return { target: `127.0.0.1:${demo.port}`, close: () => demo.close() };
    },
  ],
  [
    'python peer',
    async () => {
      const peer: PythonPeer = await startPythonPeer();
      return { target: peer.target, close: () => peer.close() };
    },
  ],
] as const)('record → replay → diff against the %s', (serverName, start) => {
  let server: { target: string; close(): Promise<void> };
  let client: grpc.Client;
  beforeAll(async () => {
    server = await start();
    client = plainClient(server.target);
  }, 30_000);
  afterAll(async () => {
    client?.close();
    await server?.close();
  });

  it.each(CASES)('$name replays identically', async (c) => {
    const slug = `${serverName}-${c.name}`.replace(/\W+/g, '-');
    const recorded = tmp.file(`${slug}.ndjson`);
    const status = await recordCall({
      client,
      schema,
      method: c.method,
      target: server.target,
      requests: c.requests,
      out: recorded,
      metadata: METADATA,
      deadlineMs: 10_000,
    });
    expect(status.codeName).toBe(c.status);

    const replayed = tmp.file(`${slug}.replay.ndjson`);
    const result = await replayRecording({
      recording: recorded,
      client,
      target: server.target,
      out: replayed,
      speed: 'max',
    });
    expect(result.status.codeName).toBe(c.status);
    expect(result.sent).toBe(c.requests.length);

    const summary = await diffRecordings(recorded, replayed, { ignore: c.ignore });
    expect(summary.identical, formatDiffSummary(summary)).toBe(true);
    expect(summary.client.matching).toBe(c.requests.length);
    if (c.status === 'OK') expect(summary.server.matching).toBeGreaterThan(0);
    else expect(summary.server.matching).toBe(0);

    // The replay carries the recorded metadata and deadline, and the server saw them (echo).
    const replayEvents = await events(replayed);
    const started = replayEvents[0];
    expect(started?.type === 'started' && started.deadlineMs).toBe(10_000);
    const headers = replayEvents.find((e) => e.type === 'headers');
    expect(headers?.type === 'headers' && headers.metadata).toEqual(
      expect.arrayContaining([{ key: 'x-echo-trace', value: 'rec-42' }]),
    );
    if (c.status !== 'OK') {
      const st = replayEvents.find((e) => e.type === 'status');
      expect(st?.type === 'status' && st.status.details[0]?.type).toBe('google.rpc.ResourceInfo');
    }
  });

  it('a server clock field differs unless ignored, and the summary names the path', async () => {
    const recorded = tmp.file(`${serverName}-clock.ndjson`.replace(/\s/g, '-'));
    await recordCall({
      client,
      schema,
      method: '/example.LogService/Tail',
      target: server.target,
      requests: [{ lines: 2, intervalMs: 5 }],
      out: recorded,
    });
    const replayed = `${recorded}.replay`;
    await replayRecording({
      recording: recorded,
      client,
      target: server.target,
      out: replayed,
      speed: 'max',
    });
    const strict = await diffRecordings(recorded, replayed);
    expect(strict.identical).toBe(false);
    expect(strict.server.differing).toBe(2);
    expect(strict.messages[0]?.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^at\.?/)]),
    );
    expect(formatDiffSummary(strict)).toMatch(/server message 1 differs/);
    expect((await diffRecordings(recorded, replayed, { ignore: ['at'] })).identical).toBe(true);
    expect((await diffRecordings(recorded, replayed, { ignore: ['**.at'] })).identical).toBe(true);
  });
});

describe('replay timing', () => {
  const demo = demoReplayFixture();

  it('a recording cut before the client half-closed still replays to the end', async () => {
    const { target, client } = demo;
    const recorded = tmp.file('cut-chat.ndjson');
    await recordCall({
      client,
      schema,
      method: '/example.ChatService/Chat',
      target,
      requests: [{ sender: 'a' }, { sender: 'b' }],
      out: recorded,
    });
    const lines = readFileSync(recorded, 'utf8').split('\n');
    const cutAt = lines.findIndex((line) => line.includes('"type":"half_closed"'));
    writeFileSync(recorded, `${lines.slice(0, cutAt).join('\n')}\n{"dir":"server","type":"rec`);
    const out = tmp.file('cut-chat.replay.ndjson');
    const result = await replayRecording({
      recording: recorded,
      client,
      target,
      out,
      speed: 'max',
    });
    expect(result.status.codeName).toBe('OK');
    expect(result.sent).toBe(2);
    expect((await events(out)).map((e) => e.type)).toContain('half_closed');
  });

  it('keeps the recorded gaps between client messages at speed 1, scales them at ×3, drops them at max', async () => {
    const { target, client } = demo;
    const recorded = tmp.file('timing.ndjson');
    await recordCall({
      client,
      schema,
      method: '/example.ChatService/Chat',
      target,
      requests: [{ sender: 'a' }, { sender: 'b' }, { sender: 'c' }],
      out: recorded,
    });
    // Spread the client's messages out as if the user had typed them a second apart. Gaps this
    // long leave each upper bound below over a second of room for a loaded machine's lateness,
    // and each still fails if the gaps are not scaled (x3) or not dropped (max).
    const GAP = 1000;
    const times = [0, GAP, 2 * GAP];
    let sent = 0;
    const lines = readFileSync(recorded, 'utf8')
      .split('\n')
      .map((line, i) => {
        if (i === 0 || line === '') return line;
        const event = JSON.parse(line) as { type: string; t: number };
        if (event.type === 'sent') event.t = times[sent++] as number;
        if (event.type === 'half_closed') event.t = 2 * GAP + 10;
        return JSON.stringify(event);
      });
    writeFileSync(recorded, lines.join('\n'));
    const sentTimes = async (speed: number | 'max'): Promise<number[]> => {
      const out = tmp.file(`timing-${speed}.ndjson`);
      await replayRecording({ recording: recorded, client, target, out, speed });
      expect((await diffRecordings(recorded, out)).identical).toBe(true);
      return (await events(out)).flatMap((e) => (e.type === 'sent' ? [e.t] : []));
    };
    // Never early: the replay waits on the clock its recording's times are measured on.
    const normal = await sentTimes(1);
    expect(normal[1]).toBeGreaterThanOrEqual(GAP);
    expect(normal[2]).toBeGreaterThanOrEqual(2 * GAP);
    const fast = await sentTimes(3);
    expect(fast[1]).toBeGreaterThanOrEqual(GAP / 3);
    expect(fast[2]).toBeGreaterThanOrEqual((2 * GAP) / 3);
    expect(fast[2]).toBeLessThan(2 * GAP - 100);
    const max = await sentTimes('max');
    expect(max[2]).toBeLessThan(GAP);
  });
});
