// The store's call flow over a scripted engine client (the real engine path is covered by e2e/).
import { describe, it, expect, vi } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type {
  CommandName,
  EventPayload,
  EventTopic,
  Input,
  Output,
} from '../../shared/contract/types.js';
import type { EngineClient } from '../api/client.js';
import { createWorkbenchStore } from './index.js';
import { peekLog } from './callLogs.js';
import { FIREHOSE_EVENTS, LIVE_REFRESH_MS } from './callsSlice.js';
import { kindsSchema } from '../form/fixtureSchema.js';

type Handler = (input: unknown) => unknown;

class ScriptedClient implements EngineClient {
  readonly invoked: { name: string; input: unknown }[] = [];
  private listeners = new Map<string, Set<(p: unknown) => void>>();
  constructor(private handlers: Partial<Record<CommandName, Handler>>) {}
  async invoke<N extends CommandName>(name: N, input: Input<N>): Promise<Output<N>> {
    this.invoked.push({ name, input });
    const h = this.handlers[name];
    if (!h) throw Object.assign(new Error(`no handler for ${name}`), { code: 'unknown_command' });
    return (await h(input)) as Output<N>;
  }
  subscribe<T extends EventTopic>(topic: T, cb: (payload: EventPayload<T>) => void): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    set.add(cb as (p: unknown) => void);
    this.listeners.set(topic, set);
    return () => set.delete(cb as (p: unknown) => void);
  }
  emit<T extends EventTopic>(topic: T, payload: EventPayload<T>): void {
    for (const cb of this.listeners.get(topic) ?? []) cb(payload);
  }
}

const schema = kindsSchema();
const summary = {
  schemaId: 's1',
  name: 'kinds',
  source: 'proto_files' as const,
  loadedAt: 0,
  services: ['kinds.KindService'],
  messageCount: 2,
  fileCount: 1,
};

// Call logs are kept per call id for the whole module, so ids are unique across tests.
let callNo = 0;
let firstCall = '';

function setup(extra: Partial<Record<CommandName, Handler>> = {}) {
  firstCall = `c${callNo + 1}`;
  const client = new ScriptedClient({
    'schema.loadProtoFiles': () => summary,
    'schema.get': () => ({ summary, model: schema }),
    'channel.state': () => ({ target: 'x', state: 'READY' }),
    'call.start': () => ({ callId: `c${++callNo}` }),
    'call.send': () => ({ ok: true }),
    'call.halfClose': () => ({ ok: true }),
    'call.cancel': () => ({ ok: true }),
    'call.release': () => ({ ok: true }),
    ...extra,
  });
  const frames: (() => void)[] = [];
  const store = createWorkbenchStore(client, (cb) => frames.push(cb));
  store.getState().listen();
  store.getState().setSource({ kind: 'protoFiles', protoFiles: 'kinds.proto' });
  return { client, store, frames };
}

const received = (seq: number, n: number): CallEvent => ({
  seq,
  t: seq,
  type: 'received',
  message: { id: String(n) },
  size: 3,
});

describe('workbench store', () => {
  it('loads a schema, opens a method and sends a unary request with metadata and deadline', async () => {
    const { client, store } = setup();
    await store.getState().loadSchema();
    expect(store.getState().schemaStatus).toBe('ready');
    const method = schema.services[0]!.methods[0]!;
    store.getState().openMethod(method);
    const tab = store.getState().tabs[0]!;
    store.getState().updateTab(tab.id, {
      body: '{"bigId": 9007199254740993}',
      deadline: '1500',
      metadata: [
        { key: 'X-Id', value: '7', enabled: true },
        { key: 'off', value: '', enabled: false },
      ],
    });
    await store.getState().send(tab.id);
    const start = client.invoked.find((c) => c.name === 'call.start')!.input as Input<'call.start'>;
    expect(start).toMatchObject({
      schemaId: 's1',
      method: '/kinds.KindService/Echo',
      request: { bigId: '9007199254740993' },
      deadlineMs: 1500,
      metadata: [{ key: 'x-id', value: '7' }],
    });
    expect(store.getState().tabs[0]!.callId).toBe(firstCall);
  });

  it('says what is wrong before calling: bad JSON with line and column, a bad deadline', async () => {
    const { client, store } = setup();
    await store.getState().loadSchema();
    store.getState().openMethod(schema.services[0]!.methods[0]!);
    const id = store.getState().activeTabId!;
    store.getState().updateTab(id, { body: '{\n  "title": }' });
    await store.getState().send(id);
    expect(store.getState().sendErrors[id]).toBe(
      'Request JSON: unexpected "}" at line 2, column 12',
    );
    store.getState().updateTab(id, { body: '{}', deadline: 'soon' });
    await store.getState().send(id);
    expect(store.getState().sendErrors[id]).toContain('Deadline: "soon"');
    expect(client.invoked.some((c) => c.name === 'call.start')).toBe(false);
  });

  it('appends event batches to the log and tells React once per frame', async () => {
    const { client, store, frames } = setup();
    await store.getState().loadSchema();
    store.getState().openMethod(schema.services[0]!.methods[1]!);
    const id = store.getState().activeTabId!;
    await store.getState().send(id);
    for (let b = 0; b < 10; b++)
      client.emit('call.events', {
        callId: firstCall,
        events: Array.from({ length: 100 }, (_, i) => received(b * 100 + i, b * 100 + i)),
      });
    expect(frames.length).toBe(1);
    expect(store.getState().calls[firstCall]!.version).toBe(0);
    frames.shift()!();
    expect(peekLog(firstCall)!.counts.received).toBe(1000);
    expect(store.getState().calls[firstCall]!.version).toBe(peekLog(firstCall)!.version);
  });

  it('fills a gap in the event log from call.events', async () => {
    const { client, store, frames } = setup({
      'call.events': (input) => {
        const since = (input as { sinceSeq: number }).sinceSeq;
        return {
          callId: firstCall,
          events: Array.from({ length: 10 - since }, (_, i) => received(since + i, since + i)),
          nextSeq: 10,
          more: false,
          done: false,
        };
      },
    });
    await store.getState().loadSchema();
    store.getState().openMethod(schema.services[0]!.methods[1]!);
    await store.getState().send(store.getState().activeTabId!);
    client.emit('call.events', { callId: firstCall, events: [received(0, 0), received(1, 1)] });
    client.emit('call.events', { callId: firstCall, events: [received(5, 5)] });
    await new Promise<void>((resolve) => {
      const check = (): void =>
        peekLog(firstCall)!.events.length === 10 ? resolve() : void setImmediate(check);
      check();
    });
    expect(peekLog(firstCall)!.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(frames.length).toBeGreaterThan(0);
  });

  it('streams the body as the first message of a client or bidi stream, then half-closes and cancels', async () => {
    const bidi = {
      ...schema.services[0]!.methods[0]!,
      name: 'Chat',
      path: '/kinds.KindService/Chat',
      kind: 'bidi_stream' as const,
    };
    const model = { ...schema, services: [{ ...schema.services[0]!, methods: [bidi] }] };
    const { client, store } = setup({ 'schema.get': () => ({ summary, model }) });
    await store.getState().loadSchema();
    store.getState().openMethod(bidi);
    const id = store.getState().activeTabId!;
    store.getState().updateTab(id, { body: '{"title": "one"}' });
    await store.getState().send(id);
    store.getState().updateTab(id, { composer: '{"title": "two"}' });
    await store.getState().sendComposer(id);
    await store.getState().endStream(id);
    await store.getState().cancelCall(id);
    expect(client.invoked.map((c) => c.name).filter((n) => n.startsWith('call.'))).toEqual([
      'call.start',
      'call.send',
      'call.send',
      'call.halfClose',
      'call.cancel',
    ]);
    expect(
      (
        client.invoked[client.invoked.findIndex((c) => c.name === 'call.start')]!.input as {
          request?: unknown;
        }
      ).request,
    ).toBeUndefined();
    expect(store.getState().calls[firstCall]!.halfClosed).toBe(true);
  });

  it('keeps tabs on reload and marks those whose method is gone; closing a tab releases its call', async () => {
    let model = schema;
    const { client, store } = setup({ 'schema.get': () => ({ summary, model }) });
    await store.getState().loadSchema();
    store.getState().openMethod(schema.services[0]!.methods[0]!);
    store.getState().openMethod(schema.services[0]!.methods[1]!, true);
    const [a, b] = store.getState().tabs;
    await store.getState().send(b!.id);
    model = {
      ...schema,
      services: [{ ...schema.services[0]!, methods: [schema.services[0]!.methods[0]!] }],
    };
    await store.getState().loadSchema();
    expect(store.getState().tabs.map((t) => t.stale)).toEqual([false, true]);
    store.getState().closeTab(b!.id);
    expect(store.getState().activeTabId).toBe(a!.id);
    expect(client.invoked.some((c) => c.name === 'call.release')).toBe(true);
    expect(peekLog(firstCall)).toBeUndefined();
  });
  it('refreshes a big live stream at most every LIVE_REFRESH_MS, and at once when it ends', async () => {
    const { client, store, frames } = setup();
    await store.getState().loadSchema();
    store.getState().openMethod(schema.services[0]!.methods[1]!);
    await store.getState().send(store.getState().activeTabId!);
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    try {
      const batch = (from: number, n: number): CallEvent[] =>
        Array.from({ length: n }, (_, i) => received(from + i, from + i));
      client.emit('call.events', { callId: firstCall, events: batch(0, FIREHOSE_EVENTS) });
      expect(frames.length).toBe(1);
      frames.shift()!();
      // Big and still running: the next refresh waits for the interval.
      client.emit('call.events', { callId: firstCall, events: batch(FIREHOSE_EVENTS, 10) });
      expect(frames.length).toBe(0);
      vi.advanceTimersByTime(LIVE_REFRESH_MS - 1);
      expect(frames.length).toBe(0);
      vi.advanceTimersByTime(1);
      expect(frames.length).toBe(1);
      frames.shift()!();
      expect(store.getState().calls[firstCall]!.version).toBe(peekLog(firstCall)!.version);
      // The end is shown in the next frame, not after the interval.
      const n = FIREHOSE_EVENTS + 10;
      client.emit('call.events', {
        callId: firstCall,
        events: [
          {
            seq: n,
            t: n,
            type: 'status',
            status: { code: 0, codeName: 'OK', message: '', details: [] },
          },
          { seq: n + 1, t: n, type: 'ended', durationMs: n },
        ],
      });
      expect(frames.length).toBe(1);
      frames.shift()!();
      expect(store.getState().calls[firstCall]!.done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
