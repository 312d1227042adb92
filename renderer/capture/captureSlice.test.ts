// The capture slice over a scripted engine client (the real engine path is covered by
// main/engine/capture.test.ts and e2e/capture.spec.ts): following a running captured call in the
// viewer when the engine's answer says more than its page holds, and what a capture sends.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Output } from '../../shared/contract/types.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { peekLog } from '../store/callLogs.js';
import { createWorkbenchStore } from '../store/index.js';
import type { CapturedCall } from './capturedCalls.js';

const id =
  'captured/20261205T120000-abcdef/20261205T120000.000-000001-example.ChatService.Chat.ndjson';
const view: Output<'capture.start'> = {
  captureId: 'capture-1',
  listen: '127.0.0.1:5000',
  port: 5000,
  target: '127.0.0.1:50051',
  connection: { address: '127.0.0.1:50051', security: { kind: 'plaintext' } },
  tls: false,
  folder: 'captured/20261205T120000-abcdef',
  schema: 'server reflection',
};
const message = (seq: number, type: 'sent' | 'received'): CallEvent =>
  ({ seq, t: seq, type, message: { n: seq }, size: 2 }) as CallEvent;
const events: CallEvent[] = [
  {
    seq: 0,
    t: 0,
    type: 'started',
    at: 0,
    method: '/example.ChatService/Chat',
    kind: 'bidi_stream',
    target: '127.0.0.1:50051',
    metadata: [],
  },
  message(1, 'sent'),
  message(2, 'received'),
  message(3, 'sent'),
  message(4, 'received'),
];
const summary = (sent: number, received: number) => ({
  id,
  method: '/example.ChatService/Chat',
  kind: 'bidi_stream' as const,
  target: '127.0.0.1:50051',
  startedAt: 0,
  events: 1 + sent + received,
  sent,
  received,
  durationMs: 1,
  sizeBytes: 10,
  complete: false,
});
const call = (sent: number, received: number): CapturedCall => ({
  id,
  method: '/example.ChatService/Chat',
  startedAt: 0,
  sent,
  received,
  durationMs: 1,
  done: false,
});

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the capture slice', () => {
  it('reads a running call again when the answer counted messages its page did not have', async () => {
    // The file as each read finds it: at open, then the read that races the writer (the page is
    // read before the second message's lines are there, the summary after), then all of it.
    const reads = [
      { events: events.slice(0, 3), recording: summary(1, 1) },
      { events: [], recording: summary(2, 2) },
      { events: events.slice(3), recording: summary(2, 2) },
    ];
    const client = new ScriptedClient({
      'capture.start': () => view,
      'recording.read': (input: { fromSeq: number }) => {
        const next = reads.shift() ?? { events: [], recording: summary(2, 2) };
        return {
          ...next,
          events: next.events.filter((e) => e.seq >= input.fromSeq),
          nextSeq: null,
          before: { sent: 0, received: 0 },
        };
      },
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().listenCaptureCalls();
    await store.getState().startCapture(0);
    client.emit('capture.calls', { captureId: view.captureId, calls: [call(1, 1)] });
    await store.getState().openCapturedCall(id);
    client.emit('capture.calls', { captureId: view.captureId, calls: [call(2, 2)] });

    const log = () => peekLog(store.getState().openedRecording?.logId);
    await until(() => log()?.counts.received === 2, 'the viewer to hold the second reply');
    expect(log()?.counts.sent).toBe(2);
    expect(client.count('recording.read')).toBeGreaterThanOrEqual(3);
  });

  it('starts a capture on the active tab’s server with its loaded schema', async () => {
    const client = new ScriptedClient({ 'capture.start': () => view });
    const store = createWorkbenchStore(client, (cb) => cb());
    const tabId = store.getState().ensureTab();
    store.getState().setConnection({ address: '127.0.0.1:50051' }, tabId);
    store.getState().patchTab(tabId, { schemaId: 'schema-1', schemaStatus: 'ready' });
    await store.getState().startCapture(7000);
    expect(client.inputs('capture.start')).toEqual([
      {
        port: 7000,
        target: { address: '127.0.0.1:50051', security: { kind: 'plaintext' } },
        schemaId: 'schema-1',
      },
    ]);
    expect(store.getState().capture?.view.listen).toBe('127.0.0.1:5000');
  });

  it('after a reload, replays a captured call against the capture’s target, not the tab’s server', async () => {
    const client = new ScriptedClient({
      'capture.list': () => ({
        captures: [
          { ...view, connection: { ...view.connection, address: '{{host}}:50051' }, calls: [] },
        ],
      }),
      'recording.read': () => ({
        events,
        recording: summary(2, 2),
        nextSeq: null,
        before: { sent: 0, received: 0 },
      }),
      'recording.replay': () => ({ recording: summary(2, 2), diff: null }),
      'recording.list': () => ({ dir: '/x', recordings: [], errors: [] }),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    const tabId = store.getState().ensureTab();
    store.getState().setConnection({ address: 'elsewhere.example:443' }, tabId);
    await store.getState().restoreCapture();
    expect(store.getState().captureError).toBeNull();
    await store.getState().replayCapturedCall(id);
    expect(client.inputs('recording.replay')).toMatchObject([
      { id, connection: { address: '{{host}}:50051', security: { kind: 'plaintext' } } },
    ]);
  });
});
