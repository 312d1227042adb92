// Find in a recording through the store over a scripted engine client: n of N from the engine's
// count, next/previous across hit pages and windows, and answers to an older query ignored.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Output } from '../../shared/contract/types.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';
import { peekLog } from '../store/callLogs.js';
import { HIT_PAGE } from './findActions.js';
import { findStatus } from './RecordingFind.js';
import { CONTEXT, PAGE } from './recordingsSlice.js';

const COUNT = 10_000;
const summary = {
  id: 'example.ChatService/Chat/a.ndjson',
  method: '/example.ChatService/Chat',
  kind: 'bidi_stream' as const,
  target: 't',
  startedAt: 0,
  events: COUNT,
  sent: 0,
  received: COUNT,
  durationMs: COUNT,
  sizeBytes: 1,
  complete: true,
};
const event = (seq: number): CallEvent => ({
  seq,
  t: seq,
  type: 'received',
  message: { n: seq },
  size: 1,
});
/** Every 10th event is a hit: 1,000 in all. */
const HITS = Array.from({ length: COUNT / 10 }, (_, i) => i * 10);

type Find = Output<'recording.find'>;

function setup(answer?: (input: { query: string; skip: number }) => Promise<Find> | Find) {
  const client = new ScriptedClient({
    'recording.read': (raw) => {
      const { fromSeq = 0, limit } = raw as { fromSeq?: number; limit: number };
      const events = Array.from({ length: Math.min(limit, COUNT - fromSeq) }, (_, i) =>
        event(fromSeq + i),
      );
      const next = fromSeq + limit < COUNT ? fromSeq + limit : null;
      return { recording: summary, events, nextSeq: next, before: { sent: 0, received: fromSeq } };
    },
    'recording.find': (raw) => {
      const input = raw as { query: string; skip: number; limit: number };
      if (answer) return answer(input);
      const hits = HITS.slice(input.skip, input.skip + input.limit).map((seq) => ({
        seq,
        dir: 'server' as const,
        type: 'received',
        message: seq + 1,
        paths: ['n'],
      }));
      return { total: HITS.length, hits, events: COUNT, cancelled: false };
    },
  });
  return { client, store: createWorkbenchStore(client, (cb) => cb()) };
}

describe('find in a recording', () => {
  it('counts the whole recording, and next/previous load the window of each hit', async () => {
    const { store, client } = setup();
    await store.getState().openRecording(summary.id);
    await store.getState().findInRecording('n');
    let s = store.getState();
    expect(findStatus(s.recordingFind)).toBe('1 of 1,000');
    expect(s.openedRecording?.reveal).toBe(0);
    // Previous from the first wraps to the last hit: another page of hits, a window far in.
    await store.getState().stepFind(-1);
    s = store.getState();
    expect(findStatus(s.recordingFind)).toBe('1,000 of 1,000');
    expect(s.recordingFind.hitsFrom).toBe(HITS.length - HIT_PAGE);
    expect(s.openedRecording?.reveal).toBe(9990);
    expect(s.openedRecording?.firstSeq).toBe(9990 - CONTEXT);
    const log = peekLog(s.openedRecording!.logId)!;
    expect(log.eventAt(9990)?.seq).toBe(9990);
    expect(log.messageNumber(9990, 'received')).toBe(9991);
    expect(client.inputs('recording.find').at(-1)).toMatchObject({ skip: HITS.length - HIT_PAGE });
    // Next wraps to the first: the window read again from the start.
    await store.getState().stepFind(1);
    s = store.getState();
    expect(findStatus(s.recordingFind)).toBe('1 of 1,000');
    expect(s.openedRecording?.firstSeq).toBe(0);
    // A hit inside the window loaded is shown without reading again.
    const reads = client.count('recording.read');
    await store.getState().stepFind(1);
    expect(store.getState().openedRecording?.reveal).toBe(10);
    expect(client.count('recording.read')).toBe(reads);
    expect(PAGE).toBeGreaterThan(10);
  });

  it("an older query's answer never overwrites a newer one's", async () => {
    const waiting: ((f: Find) => void)[] = [];
    const { store } = setup(
      (input) =>
        new Promise<Find>((resolve) =>
          waiting.push(() =>
            resolve({
              total: input.query.length,
              hits: [{ seq: 1, dir: 'server', type: 'received', message: 2, paths: ['n'] }],
              events: COUNT,
              cancelled: false,
            }),
          ),
        ),
    );
    await store.getState().openRecording(summary.id);
    const older = store.getState().findInRecording('ab');
    const newer = store.getState().findInRecording('abcd');
    expect(findStatus(store.getState().recordingFind)).toBe('Searching the recording…');
    waiting[1]!({} as Find);
    await newer;
    waiting[0]!({} as Find);
    await older;
    expect(store.getState().recordingFind).toMatchObject({ query: 'abcd', total: 4, current: 0 });
  });

  it('says when nothing matches, and clears with the query', async () => {
    const { store } = setup(() => ({ total: 0, hits: [], events: COUNT, cancelled: false }));
    await store.getState().openRecording(summary.id);
    await store.getState().findInRecording('zzz');
    expect(findStatus(store.getState().recordingFind)).toBe('No matches in the recording');
    await store.getState().findInRecording('');
    expect(findStatus(store.getState().recordingFind)).toBe('');
  });
});
