import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
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
    await vi.waitFor(() => expect(observed).toEqual(['chunk read']));
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

  it('does queued work in slices, so what comes meanwhile is forwarded between them', async () => {
    const record = newRecord(tmp.file('sliced.ndjson'));
    await record.close(); // opened: the first call's codecs and thread start are not measured
    const sliced = newRecord(tmp.file('sliced-2.ndjson'));
    const done: number[] = [];
    const busy = (ms: number): void => {
      for (const from = performance.now(); performance.now() - from < ms;);
    };
    for (let i = 0; i < 5; i++)
      sliced.later(() => {
        busy(1);
        done.push(i);
      });
    await nextTurn();
    // Each piece takes longer than a slice: the turn ends after the first one it did (opening
    // the recording, queued first, may be that one).
    expect(done.length).toBeLessThan(2);
    await vi.waitFor(() => expect(done).toEqual([0, 1, 2, 3, 4]));
    await sliced.close();
  });

  it('close does the queued work in a later turn, not in the one that ended the call', async () => {
    const record = newRecord(tmp.file('close-later.ndjson'));
    const observed: string[] = [];
    record.later(() => observed.push('recorded'));
    record.fault(1, 'the client cancelled the call');
    const closed = record.close();
    expect(observed).toEqual([]);
    await closed;
    expect(observed).toEqual(['recorded']);
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
