import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording/recording.testkit.js';
import { CallRecord } from './call-record.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const newRecord = (file: string): CallRecord =>
  new CallRecord({
    method: '/example.Unknown/Call',
    target: 'target:1',
    metadata: () => [{ key: 'x-trace', value: '1' }],
    deadlineMs: undefined,
    file,
    schema: undefined,
    maxObservedBytes: 1024,
  });

const message = (bytes: number[]) => ({
  compressed: false,
  length: bytes.length,
  bytes: Buffer.from(bytes),
});

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a proxied call records after its bytes are on their way, in the order things happened', () => {
  it('queues the recording work to a later turn; what forwarding decides on is known at once', async () => {
    const file = tmp.file('later.ndjson');
    const record = newRecord(file);
    const observed: string[] = [];
    record.later(() => {
      observed.push('chunk read');
      record.serverMessage(message([1, 2, 3]));
    });
    record.trailers(() => [{ key: 'x-done', value: 'yes' }], '0', '');
    // Node's HTTP/2 writes in an immediate after this turn: nothing of the recording ran yet.
    expect(observed).toEqual([]);
    expect(record.ended).toBe(true);
    expect(record.received).toBe(0);
    await nextTurn();
    expect(observed).toEqual(['chunk read']);
    expect(record.received).toBe(1);
    const summary = await record.close();
    expect(summary.status.code).toBe(0);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.slice(1).map((e: { type: string }) => e.type)).toEqual([
      'started',
      'received',
      'trailers',
      'status',
      'ended',
    ]);
    expect(lines[1].metadata).toEqual([{ key: 'x-trace', value: '1' }]);
    const times = lines.slice(1).map((e: { t: number }) => e.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('close does what is still queued first, so the recording is whole when the call is reported', async () => {
    const file = tmp.file('closed-at-once.ndjson');
    const record = newRecord(file);
    record.later(() => record.clientMessage(message([9])));
    record.halfClosed();
    record.fault(1, 'the client cancelled the call');
    const summary = await record.close();
    expect(summary.sent).toBe(1);
    const types = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types).toEqual(['started', 'sent', 'half_closed', 'status', 'ended']);
  });

  it('leaves no queued work after the turn, however much came in it (no backlog to grow)', async () => {
    const record = newRecord(tmp.file('backlog.ndjson'));
    await record.close(); // opened: the first call's codecs and thread start are not measured
    const busy = newRecord(tmp.file('backlog-2.ndjson'));
    let queued = 0;
    let done = 0;
    const work = (): void => {
      for (const from = performance.now(); performance.now() - from < 0.03;); // over 25 µs
      done++;
    };
    // 50k pieces over five turns, each more than a turn's worth of recording work.
    for (let turn = 0; turn < 5; turn++) {
      for (let i = 0; i < 10_000; i++, queued++) busy.later(work);
      await nextTurn();
      expect(queued - done).toBe(0);
    }
    await busy.close();
  });

  it('observes at once when the call is not recorded (counts only)', () => {
    const record = new CallRecord({
      method: '/example.Unknown/Call',
      target: 'target:1',
      metadata: () => [],
      deadlineMs: undefined,
      file: undefined,
      schema: undefined,
      maxObservedBytes: 1024,
    });
    record.later(() => record.clientMessage(message([1])));
    expect(record.sent).toBe(1);
  });
});
