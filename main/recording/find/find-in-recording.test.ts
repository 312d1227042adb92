import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { lineBatches, type LineBatch, type RecordingSource } from '../reader/index.js';
import { syntheticWriter } from '../testdata/synthetic.js';
import { findInRecording } from './index.js';
import { NEEDLE_CHAT_EVENTS, NEEDLE_CHAT_TURNS, writeNeedleChat } from '../testdata/needle-chat.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const TURNS = NEEDLE_CHAT_TURNS;
const EVENTS = NEEDLE_CHAT_EVENTS;
let big: string;

beforeAll(async () => {
  big = tmp.file('big-chat.ndjson');
  await writeNeedleChat(big);
}, 60_000);

describe('find in a whole recording', () => {
  it('counts every hit of a 100k-event recording and returns the first page with positions', async () => {
    const needles = Array.from({ length: TURNS }, (_, i) => i).filter((i) => i % 997 === 0);
    const found = await findInRecording(big, { query: 'needle', limit: 10 });
    // Every answer with a Needle, the request metadata and the status message.
    expect(found.total).toBe(needles.length + 2);
    expect(found.events).toBe(EVENTS);
    expect(found.cancelled).toBe(false);
    expect(found.hits).toHaveLength(10);
    expect(found.hits[0]).toEqual({
      seq: 0,
      dir: 'local',
      type: 'started',
      paths: ['metadata.x-trace'],
      line: 2,
    });
    // Answer i is event 2 + 2i + 1 and the (i+1)th message received.
    expect(found.hits[1]).toEqual({
      seq: 3,
      dir: 'server',
      type: 'received',
      message: 1,
      paths: ['content'],
      line: 5,
    });
    expect(found.hits[2]).toMatchObject({ seq: 2 + 2 * 997 + 1, message: 998 });

    const last = await findInRecording(big, { query: 'NEEDLE', skip: needles.length, limit: 10 });
    expect(last.total).toBe(needles.length + 2);
    expect(last.hits.map((h) => [h.seq, h.paths])).toEqual([
      [2 + 2 * needles.at(-1)! + 1, ['content']],
      [EVENTS - 2, ['status.message']],
    ]);
  }, 60_000);

  it('streams the file through the reader: no read holds more than one chunk of it', async () => {
    const size = statSync(big).size;
    const reads: number[] = [];
    const watched = async function* (recording: RecordingSource): AsyncGenerator<LineBatch> {
      for await (const batch of lineBatches(recording)) {
        reads.push(batch.lines.reduce((n, l) => n + l.text.length + 1, 0));
        yield batch;
      }
    };
    const found = await findInRecording(big, { query: 'u4999', lines: watched, limit: 3 });
    // u4999 and u49990…u49999 send; their answers say "Hello, u4999…!" unless they found a needle.
    const senders = [4999, ...Array.from({ length: 10 }, (_, k) => 49990 + k)];
    expect(found.total).toBe(senders.length + senders.filter((i) => i % 997 !== 0).length);
    expect(found.hits).toHaveLength(3);
    expect(found.hits[0]).toMatchObject({ seq: 2 + 2 * 4999, type: 'sent', paths: ['sender'] });
    expect(reads.reduce((a, b) => a + b, 0)).toBe(size);
    expect(Math.max(...reads)).toBeLessThanOrEqual(256 * 1024);
    expect(reads.length).toBeGreaterThanOrEqual(Math.floor(size / (256 * 1024)));
  }, 60_000);

  it('stops when told, saying so', async () => {
    const controller = new AbortController();
    let batches = 0;
    const stopping = async function* (recording: RecordingSource): AsyncGenerator<LineBatch> {
      for await (const batch of lineBatches(recording)) {
        if (++batches === 3) controller.abort();
        yield batch;
      }
    };
    const found = await findInRecording(big, {
      query: 'hi',
      lines: stopping,
      signal: controller.signal,
    });
    expect(found.cancelled).toBe(true);
    expect(found.events).toBeLessThan(EVENTS);
  });
});

describe('what a query matches', () => {
  function write(name: string, lines: string[]): string {
    const file = tmp.file(name);
    const w = syntheticWriter(file, '/example.ChatService/Chat');
    void w.close();
    writeFileSync(file, `${readFileSync(file, 'utf8').split('\n')[0]}\n${lines.join('\n')}\n`);
    return file;
  }

  it('keys and values of messages, metadata and status; case only when asked', async () => {
    const file = write('fields.ndjson', [
      '{"dir":"local","type":"started","at":0,"method":"/example.ChatService/Chat","kind":"bidi_stream","target":"t","metadata":[{"key":"Authorization","value":"Bearer x"}],"seq":0,"t":0}',
      '{"dir":"client","type":"sent","message":{"items":[{"name":"Ann"},{"name":"Bob \\"the\\" Builder"}]},"size":1,"seq":1,"t":1}',
      '{"dir":"server","type":"headers","metadata":[{"key":"x-bob","value":"1"}],"seq":2,"t":2}',
      // Another writer's key order: the line is parsed to know it is a message.
      '{"type":"received","dir":"server","message":{"bobby":true},"size":1,"seq":3,"t":3}',
      '{"dir":"local","type":"status","status":{"code":3,"codeName":"INVALID_ARGUMENT","message":"bad","details":[{"type":"google.rpc.ErrorInfo","value":{"reason":"BOB_LIMIT"},"raw":""}]},"seq":4,"t":4}',
    ]);
    const bob = await findInRecording(file, { query: 'bob' });
    expect(bob.hits.map((h) => [h.seq, h.message, h.paths])).toEqual([
      [1, 1, ['items[1].name']],
      [2, undefined, ['headers.x-bob']],
      [3, 1, ['bobby']],
      [4, undefined, ['status.details[0].value.reason']],
    ]);
    expect((await findInRecording(file, { query: 'Bob', caseSensitive: true })).total).toBe(1);
    expect((await findInRecording(file, { query: '"the"' })).hits[0]?.paths).toEqual([
      'items[1].name',
    ]);
    expect((await findInRecording(file, { query: 'authorization' })).hits[0]?.paths).toEqual([
      'metadata.Authorization',
    ]);
    expect((await findInRecording(file, { query: 'invalid_arg' })).hits[0]?.paths).toEqual([
      'status.code',
    ]);
    // Event fields that are not the call's data (type names, seq) are not hits.
    expect((await findInRecording(file, { query: 'received' })).total).toBe(0);
  });

  it('a cut last line is dropped; a corrupt line holding the query names file and line', async () => {
    const file = write('cut.ndjson', [
      '{"dir":"server","type":"received","message":{"a":"needle"},"size":1,"seq":0,"t":0}',
    ]);
    appendFileSync(file, '{"dir":"server","type":"received","message":{"a":"nee');
    expect((await findInRecording(file, { query: 'nee' })).total).toBe(1);
    const bad = write('bad.ndjson', [
      '{"dir":"server","type":"received","message":{"a":"needle"},"size":1}',
    ]);
    await expect(findInRecording(bad, { query: 'needle' })).rejects.toThrow(
      /bad\.ndjson:2: not a recording event/,
    );
  });
});
