// Only the latest ask's answer is shown in the recording viewer (as the file browser's listing,
// 9a4dc34): a diff page still on its way when a new replay answers, a replay of a recording the
// user has left, and a find step's page of hits slower than the next step never replace what the
// later ask showed. Each answer here is held until the test lets it go, in the order under test.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Output } from '../../shared/contract/types.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';
import { HIT_PAGE } from './findActions.js';

type Diff = Output<'recording.diff'>['diff'];
type Find = Output<'recording.find'>;

const summary = (id: string, events = 6) => ({
  id,
  method: '/example.LogService/Tail',
  kind: 'server_stream' as const,
  target: '127.0.0.1:1',
  startedAt: 0,
  events,
  sent: 1,
  received: events - 1,
  durationMs: 30,
  sizeBytes: 100,
  complete: true,
});

const diffSaying = (text: string): Diff => ({
  method: '/example.LogService/Tail',
  client: { matching: 1, differing: 0, missing: 0, extra: 0 },
  server: { matching: 5, differing: 0, missing: 0, extra: 0 },
  headers: [],
  trailers: [],
  status: [],
  messages: [],
  messagesFrom: 0,
  messagesTotal: 0,
  identical: text === '',
  text,
});

const event = (seq: number): CallEvent =>
  ({ type: 'received', seq, t: seq, message: { n: seq }, size: 1 }) as unknown as CallEvent;

/** An answer the test releases when it wants. */
function held<T>() {
  let release: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => (release = resolve));
  return { promise, release };
}

function setup(handlers: ConstructorParameters<typeof ScriptedClient>[0]) {
  const client = new ScriptedClient({
    'recording.read': (raw) => {
      const { fromSeq = 0, limit, id } = raw as { fromSeq?: number; limit: number; id: string };
      const total = id === 'big' ? 10_000 : 6;
      const events = Array.from({ length: Math.min(limit, total - fromSeq) }, (_, i) =>
        event(fromSeq + i),
      );
      const next = fromSeq + limit < total ? fromSeq + limit : null;
      return {
        recording: summary(id, total),
        events,
        nextSeq: next,
        before: { sent: 0, received: fromSeq },
      };
    },
    'recording.list': () => ({ dir: '/x', recordings: [], errors: [] }),
    ...handlers,
  });
  return { client, store: createWorkbenchStore(client, (cb) => cb()) };
}

describe('recording viewer: only the latest ask’s answer is shown', () => {
  it('a diff page answering after a newer replay does not replace the replay’s result', async () => {
    const replays = [held<Output<'recording.replay'>>(), held<Output<'recording.replay'>>()];
    const diff = held<Output<'recording.diff'>>();
    let replay = 0;
    const { store } = setup({
      'recording.replay': () => replays[replay++]!.promise,
      'recording.diff': () => diff.promise,
    });
    await store.getState().openRecording('a');
    const first = store.getState().replayRecording('a', 'max', []);
    replays[0]!.release({ recording: summary('replay-1'), diff: diffSaying('first replay') });
    await first;
    // Compare again with ignore paths (slow), then Replay again (fast).
    const rediff = store.getState().rediffRecording(['at']);
    const second = store.getState().replayRecording('a', 'max', []);
    replays[1]!.release({ recording: summary('replay-2'), diff: diffSaying('second replay') });
    await second;
    diff.release({ diff: diffSaying('first replay, compared again') });
    await rediff;
    expect(store.getState().replayResult).toMatchObject({
      replayId: 'replay-2',
      diff: { text: 'second replay' },
    });
    expect(store.getState().diffBusy).toBe(false);
  });

  it('opening A then B: A’s page answering last does not replace B in the viewer', async () => {
    const pageOfA = held<Output<'recording.read'>>();
    const pageOf = (id: string): Output<'recording.read'> => ({
      recording: summary(id),
      events: [event(0), event(1)],
      nextSeq: null,
      before: { sent: 0, received: 0 },
    });
    const { store } = setup({
      'recording.read': (raw) => {
        const { id } = raw as { id: string };
        return id === 'a' ? pageOfA.promise : pageOf(id);
      },
    });
    const openingA = store.getState().openRecording('a');
    await store.getState().openRecording('b');
    pageOfA.release(pageOf('a'));
    await openingA;
    expect(store.getState().openedRecording?.summary.id).toBe('b');
  });

  it('a replay answering after another recording was opened is not shown under it', async () => {
    const replay = held<Output<'recording.replay'>>();
    const { store } = setup({ 'recording.replay': () => replay.promise });
    await store.getState().openRecording('a');
    const replaying = store.getState().replayRecording('a', 'max', []);
    await store.getState().openRecording('b');
    replay.release({ recording: summary('replay-of-a'), diff: diffSaying('a differs') });
    await replaying;
    expect(store.getState().openedRecording?.summary.id).toBe('b');
    expect(store.getState().replayResult).toBeNull();
    expect(store.getState().replayBusy).toBe(false);
  });

  it('Next then Previous: the page Next waits for does not move the hit shown back', async () => {
    const hitsAt = (skip: number): Find => ({
      total: 1000,
      hits: Array.from({ length: HIT_PAGE }, (_, i) => ({
        seq: (skip + i) * 10,
        dir: 'server' as const,
        type: 'received',
        message: skip + i + 1,
        paths: ['n'],
      })),
      events: 10_000,
      cancelled: false,
    });
    const secondPage = held<Find>();
    const { store } = setup({
      'recording.find': (raw) => {
        const { skip } = raw as { skip: number };
        return skip === 0 ? hitsAt(0) : secondPage.promise;
      },
    });
    await store.getState().openRecording('big');
    await store.getState().findInRecording('n');
    // To the last hit of the first page of hits, step by step within it.
    for (let i = 0; i < HIT_PAGE - 1; i++) await store.getState().stepFind(1);
    expect(store.getState().recordingFind.current).toBe(HIT_PAGE - 1);
    // Next needs the second page of hits (held); Previous is answered from the page in hand.
    const next = store.getState().stepFind(1);
    await store.getState().stepFind(-1);
    expect(store.getState().recordingFind.current).toBe(HIT_PAGE - 2);
    secondPage.release(hitsAt(HIT_PAGE));
    await next;
    const s = store.getState();
    expect(s.recordingFind.current).toBe(HIT_PAGE - 2);
    expect(s.recordingFind.hitsFrom).toBe(0);
    expect(s.openedRecording?.reveal).toBe((HIT_PAGE - 2) * 10);
  });
});
