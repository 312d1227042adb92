// The recordings slice over a scripted engine client (the real engine path is covered by
// main/engine/recordings.test.ts and e2e/recordings.spec.ts): the Record choice reaching call.start,
// paging a recording into one timeline log, jumping to a time, replay speeds, and the list of
// calls a running mock served.
import { describe, it, expect } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';
import { peekLog } from '../store/callLogs.js';
import { recordDefault, speedOf } from './recordingsSlice.js';
import {
  addMockCalls,
  EMPTY_MOCK_CALLS,
  MAX_MOCK_CALLS_SHOWN,
  mockCallReason,
  mockCallTime,
  shortMethod,
  type MockCall,
} from './mockCalls.js';

const summary = {
  id: 'example.LogService/Tail/a.ndjson',
  method: '/example.LogService/Tail',
  kind: 'server_stream' as const,
  target: '127.0.0.1:1',
  startedAt: 0,
  events: 6,
  sent: 1,
  received: 3,
  durationMs: 30,
  sizeBytes: 100,
  complete: true,
};
const events: CallEvent[] = [
  {
    type: 'started',
    seq: 0,
    t: 0,
    method: summary.method,
    kind: 'server_stream',
    target: summary.target,
    metadata: [],
  } as unknown as CallEvent,
  ...[1, 2, 3, 4, 5].map(
    (seq) =>
      ({
        type: 'received',
        seq,
        t: seq * 10,
        message: { n: seq },
        size: 2,
      }) as unknown as CallEvent,
  ),
];

let mocks = 0;
const mockCall = (n: number, matched = false): MockCall => ({
  at: n,
  method: summary.method,
  recording: summary.id,
  matched,
  why: matched ? 'first client message matched' : 'default: no recording has this client message',
});

function setup() {
  const client = new ScriptedClient({
    'recording.read': (raw) => {
      const input = raw as { fromSeq?: number; fromT?: number; limit: number };
      const from = input.fromSeq ?? events.findIndex((e) => e.t >= (input.fromT ?? 0));
      const page = events.slice(from, from + 3);
      const next = events[from + 3];
      const before = { sent: 0, received: Math.max(0, from - 1) };
      return { recording: summary, events: page, nextSeq: next ? next.seq : null, before };
    },
    'recording.replay': () => ({
      recording: { ...summary, id: 'example.LogService/Tail/b.ndjson' },
      diff: {
        method: summary.method,
        client: { matching: 1, differing: 0, missing: 0, extra: 0 },
        server: { matching: 5, differing: 0, missing: 0, extra: 0 },
        headers: [],
        trailers: [],
        status: [],
        messages: [],
        identical: true,
        text: '',
      },
    }),
    'recording.list': () => ({ dir: '/x', recordings: [summary], errors: [] }),
    'mock.start': () => ({
      mockId: `mock-${++mocks}`,
      port: 5000 + mocks,
      methods: [summary.method],
      recordings: [summary.id],
    }),
    'mock.stop': () => ({ ok: true }),
  });
  return { client, store: createWorkbenchStore(client, (cb) => cb()) };
}

describe('recordings slice', () => {
  it('records streams by default and only sends an explicit choice', () => {
    expect(recordDefault('unary')).toBe(false);
    expect(recordDefault('bidi_stream')).toBe(true);
    const { store } = setup();
    const tabId = store.getState().ensureTab();
    expect(store.getState().tabs[0]!.record).toBeUndefined();
    store.getState().setRecord(tabId, false);
    expect(store.getState().tabs[0]!.record).toBe(false);
  });

  it('pages a recording into one log, and a jump starts a new log at that time', async () => {
    const { store, client } = setup();
    await store.getState().openRecording(summary.id);
    const first = store.getState().openedRecording!;
    expect(peekLog(first.logId)!.events.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(first.nextSeq).toBe(3);
    await store.getState().loadMoreRecording();
    const more = store.getState().openedRecording!;
    expect(more.logId).toBe(first.logId);
    expect(peekLog(more.logId)!.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(more.nextSeq).toBeNull();
    await store.getState().jumpRecording(40);
    const jumped = store.getState().openedRecording!;
    expect(jumped.logId).not.toBe(first.logId);
    expect(peekLog(first.logId)).toBeUndefined();
    expect(client.invoked.at(-1)).toMatchObject({ name: 'recording.read', input: { fromT: 40 } });
    // The window starts at seq 4: its rows are events 4 and 5, numbered as in the recording.
    expect(jumped.firstSeq).toBe(4);
    expect(peekLog(jumped.logId)!.row(0)?.seq).toBe(4);
    expect(peekLog(jumped.logId)!.messageNumber(5, 'received')).toBe(5);
    store.getState().closeRecording();
    expect(peekLog(jumped.logId)).toBeUndefined();
  });

  it("replays at the chosen speed against the active tab's server and keeps the diff", async () => {
    expect([speedOf('original'), speedOf('x10'), speedOf('max')]).toEqual([1, 10, 'max']);
    const { store, client } = setup();
    store.getState().setConnection({ address: '127.0.0.1:9' });
    await store.getState().replayRecording(summary.id, 'x10', ['at']);
    expect(client.invoked.find((c) => c.name === 'recording.replay')?.input).toMatchObject({
      id: summary.id,
      speed: 10,
      ignore: ['at'],
      connection: { address: '127.0.0.1:9', security: { kind: 'plaintext' } },
    });
    expect(store.getState().replayResult).toMatchObject({
      sourceId: summary.id,
      replayId: 'example.LogService/Tail/b.ndjson',
      diff: { identical: true },
    });
    expect(store.getState().replayBusy).toBe(false);
  });

  it('lists the running mock calls newest first, ignores other mocks, and clears them when it stops', async () => {
    const { store, client } = setup();
    const stop = store.getState().listenMockCalls();
    await store.getState().startMock({ recordingId: summary.id });
    const mockId = store.getState().mock!.mockId;
    client.emit('mock.calls', { mockId, calls: [mockCall(1, true), mockCall(2)], dropped: 0 });
    client.emit('mock.calls', { mockId: 'mock-other', calls: [mockCall(9)], dropped: 0 });
    expect(store.getState().mockCalls.rows.map((r) => [r.n, r.at, r.matched])).toEqual([
      [2, 2, false],
      [1, 1, true],
    ]);
    // Starting another mock stops this one and starts an empty list; its late batch is ignored.
    await store.getState().startMock({ recordingId: summary.id });
    client.emit('mock.calls', { mockId, calls: [mockCall(3)], dropped: 0 });
    expect(store.getState().mockCalls).toEqual(EMPTY_MOCK_CALLS);
    const second = store.getState().mock!.mockId;
    client.emit('mock.calls', { mockId: second, calls: [mockCall(4)], dropped: 0 });
    expect(store.getState().mockCalls.total).toBe(1);
    await store.getState().stopMock();
    expect(store.getState().mockCalls).toEqual(EMPTY_MOCK_CALLS);
    client.emit('mock.calls', { mockId: second, calls: [mockCall(5)], dropped: 0 });
    expect(store.getState().mockCalls).toEqual(EMPTY_MOCK_CALLS);
    stop();
  });

  it('keeps the last 200 calls and counts the ones a batch or the cap left out', () => {
    let list = addMockCalls(EMPTY_MOCK_CALLS, {
      mockId: 'm',
      calls: [1, 2, 3].map((n) => mockCall(n)),
      dropped: 0,
    });
    list = addMockCalls(list, {
      mockId: 'm',
      calls: Array.from({ length: MAX_MOCK_CALLS_SHOWN }, (_, i) => mockCall(1000 + i)),
      dropped: 50,
    });
    expect(list.total).toBe(3 + 50 + MAX_MOCK_CALLS_SHOWN);
    expect(list.rows).toHaveLength(MAX_MOCK_CALLS_SHOWN);
    expect(list.rows[0]).toMatchObject({ at: 1000 + MAX_MOCK_CALLS_SHOWN - 1, n: list.total });
    expect(list.rows.at(-1)).toMatchObject({ at: 1000, n: 54 });
  });

  it('says matched or default and why, the method without its package, and the time to the millisecond', () => {
    expect(mockCallReason(mockCall(1, true))).toBe('matched: first client message matched');
    expect(mockCallReason(mockCall(1))).toBe('default: no recording has this client message');
    expect(mockCallReason({ ...mockCall(1), why: 'only recording' })).toBe(
      'default: only recording',
    );
    expect(shortMethod('/example.LogService/Tail')).toBe('LogService/Tail');
    expect(mockCallTime(new Date(2026, 0, 2, 3, 4, 5, 6).getTime())).toBe('03:04:05.006');
  });
});
