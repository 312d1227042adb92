// The recordings slice over a scripted engine client (the real engine path is covered by
// main/engine/recordings.test.ts and e2e/recordings.spec.ts): the Record choice reaching call.start,
// paging a recording into one timeline log, jumping to a time, and replay speeds.
import { describe, it, expect } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { CommandName, EventPayload, EventTopic, Input, Output } from '../../shared/contract/types.js';
import type { EngineClient } from '../api/client.js';
import { createWorkbenchStore } from '../store/index.js';
import { peekLog } from '../store/callLogs.js';
import { recordDefault, speedOf } from './recordingsSlice.js';

type Handler = (input: unknown) => unknown;

class ScriptedClient implements EngineClient {
  readonly invoked: { name: string; input: unknown }[] = [];
  constructor(private handlers: Partial<Record<CommandName, Handler>>) {}
  async invoke<N extends CommandName>(name: N, input: Input<N>): Promise<Output<N>> {
    this.invoked.push({ name, input });
    const h = this.handlers[name];
    if (!h) throw new Error(`no handler for ${name}`);
    return (await h(input)) as Output<N>;
  }
  subscribe<T extends EventTopic>(_topic: T, _cb: (payload: EventPayload<T>) => void): () => void {
    return () => undefined;
  }
}

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
  { type: 'started', seq: 0, t: 0, method: summary.method, kind: 'server_stream', target: summary.target, metadata: [] } as unknown as CallEvent,
  ...[1, 2, 3, 4, 5].map((seq) => ({ type: 'received', seq, t: seq * 10, message: { n: seq }, size: 2 }) as unknown as CallEvent),
];

function setup() {
  const client = new ScriptedClient({
    'recording.read': (raw) => {
      const input = raw as { fromSeq?: number; fromT?: number; limit: number };
      const from = input.fromSeq ?? events.findIndex((e) => e.t >= (input.fromT ?? 0));
      const page = events.slice(from, from + 3);
      const next = events[from + 3];
      return { recording: summary, events: page, nextSeq: next ? next.seq : null };
    },
    'recording.replay': () => ({ recording: { ...summary, id: 'example.LogService/Tail/b.ndjson' }, diff: { method: summary.method, client: { matching: 1, differing: 0, missing: 0, extra: 0 }, server: { matching: 5, differing: 0, missing: 0, extra: 0 }, headers: [], trailers: [], status: [], messages: [], identical: true, text: '' } }),
    'recording.list': () => ({ dir: '/x', recordings: [summary], errors: [] }),
  });
  return { client, store: createWorkbenchStore(client, (cb) => cb()) };
}

describe('recordings slice', () => {
  it('records streams by default and only sends an explicit choice', () => {
    expect(recordDefault('unary')).toBe(false);
    expect(recordDefault('bidi_stream')).toBe(true);
    const { store } = setup();
    store.getState().setRecord('tab-x', false);
    expect(store.getState().recordTabs['tab-x']).toBe(false);
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
    store.getState().closeRecording();
    expect(peekLog(jumped.logId)).toBeUndefined();
  });

  it('replays at the chosen speed against the current connection and keeps the diff', async () => {
    expect([speedOf('original'), speedOf('x10'), speedOf('max')]).toEqual([1, 10, 'max']);
    const { store, client } = setup();
    await store.getState().replayRecording(summary.id, 'x10', ['at']);
    expect(client.invoked.find((c) => c.name === 'recording.replay')?.input).toMatchObject({ id: summary.id, speed: 10, ignore: ['at'], connection: { target: expect.any(String) } });
    expect(store.getState().replayResult).toMatchObject({ sourceId: summary.id, replayId: 'example.LogService/Tail/b.ndjson', diff: { identical: true } });
    expect(store.getState().replayBusy).toBe(false);
  });
});
