// The store over a scripted engine client typed by the contract (the real engine path is covered
// by e2e/): tabs as documents with their own server and schema, calls from the draft, event
// batching, unsaved changes, and the session.
import { describe, it, expect, vi } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { CommandName, Input } from '../../shared/contract/types.js';
import type { SchemaModel } from '../../shared/schema/model.js';
import { newRequest, plaintextConnection } from '../../shared/request/index.js';
import type { Session } from '../../shared/session/session.js';
import { ScriptedClient, schemaAnswers, type Handler } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore, type WorkbenchStore } from './index.js';
import { peekLog } from './callLogs.js';
import { FIREHOSE_EVENTS, LIVE_REFRESH_MS } from './callsSlice.js';
import { isDirty } from './dirty.js';
import { activeTab, isStale } from './selectors.js';
import { toSession } from './sessionSlice.js';
import { kindsSchema } from '../form/fixtureSchema.js';

const kinds = kindsSchema();
const [echo, watch] = kinds.services[0]!.methods as [
  SchemaModel['services'][0]['methods'][0],
  SchemaModel['services'][0]['methods'][0],
];
const chat = {
  ...echo,
  name: 'Chat',
  fullName: 'kinds.KindService.Chat',
  path: '/kinds.KindService/Chat',
  kind: 'bidi_stream' as const,
};
const upload = {
  ...echo,
  name: 'Upload',
  fullName: 'kinds.KindService.Upload',
  path: '/kinds.KindService/Upload',
  kind: 'client_stream' as const,
};
const kindsModel: SchemaModel = {
  ...kinds,
  services: [{ ...kinds.services[0]!, methods: [echo, watch, chat, upload] }],
};
/** A second server's schema: another service entirely. */
const otherModel: SchemaModel = {
  ...kinds,
  services: [
    {
      ...kinds.services[0]!,
      name: 'OtherService',
      fullName: 'other.OtherService',
      methods: [
        {
          ...echo,
          name: 'Ping',
          fullName: 'other.OtherService.Ping',
          path: '/other.OtherService/Ping',
        },
      ],
    },
  ],
};

// Call logs are kept per call id for the whole module, so ids are unique across tests.
let callNo = 0;

/** Reflection on :1 answers the kinds schema, on :2 another one. */
function setup(extra: Partial<Record<CommandName, Handler>> = {}) {
  const models: Record<string, SchemaModel> = { 's-kinds': kindsModel, 's-other': otherModel };
  const client = new ScriptedClient({
    ...schemaAnswers(
      (input) => (input.connection.address.endsWith(':2') ? 's-other' : 's-kinds'),
      (schemaId) => models[schemaId]!,
    ),
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
  return { client, store, frames };
}

/** A tab on `address` with its schema loaded and `method` open. */
async function openOn(
  store: WorkbenchStore,
  address: string,
  method: typeof echo,
  newTab = false,
): Promise<string> {
  if (newTab) store.getState().newTab();
  store.getState().setConnection({ address });
  await store.getState().loadSchema();
  store.getState().openMethod(method);
  return store.getState().activeTabId!;
}

const received = (seq: number, n: number): CallEvent => ({
  seq,
  t: seq,
  type: 'received',
  message: { id: String(n) },
  size: 3,
});

const ended = (seq: number): CallEvent[] => [
  { seq, t: seq, type: 'status', status: { code: 0, codeName: 'OK', message: '', details: [] } },
  { seq: seq + 1, t: seq, type: 'ended', durationMs: 12 },
];

describe('tabs as documents', () => {
  it('sends the draft as the call document: messages, metadata rows, deadline, its own connection', async () => {
    const { client, store } = setup();
    const id = await openOn(store, 'h:1', echo);
    store.getState().setMessageText(id, 0, '{"bigId": 9007199254740993}');
    store.getState().patchDraft(id, {
      deadlineMs: 1500,
      metadata: [
        { key: 'X-Id', value: '7' },
        { key: 'off', value: '', enabled: false },
      ],
    });
    await store.getState().send(id);
    const [start] = client.inputs('call.start');
    expect(start).toMatchObject({
      schemaId: 's-kinds',
      halfClose: false,
      request: {
        name: 'Echo',
        method: '/kinds.KindService/Echo',
        connection: { address: 'h:1', security: { kind: 'plaintext' } },
        messages: [{ bigId: '9007199254740993' }],
        deadlineMs: 1500,
        metadata: [
          { key: 'X-Id', value: '7' },
          { key: 'off', value: '', enabled: false },
        ],
      },
    });
    expect(start).not.toHaveProperty('record');
    expect(activeTab(store.getState())!.callId).toBe(`c${callNo}`);
  });

  it('loads its own source again and sends once more when the engine let its schema go', async () => {
    let loads = 0;
    const { client, store } = setup({
      ...schemaAnswers(() => (++loads === 1 ? 's-kinds' : 's-kinds-2'), kindsModel),
      'call.start': (input: Input<'call.start'>) => {
        if (input.schemaId === 's-kinds')
          throw Object.assign(new Error('no loaded schema with id s-kinds'), {
            code: 'not_found',
            details: { schemaId: 's-kinds' },
          });
        return { callId: `c${++callNo}` };
      },
    });
    const id = await openOn(store, 'h:1', echo);
    await store.getState().send(id);
    expect(client.inputs('call.start').map((i) => i.schemaId)).toEqual(['s-kinds', 's-kinds-2']);
    expect(activeTab(store.getState())!.sendError).toBeNull();
    expect(activeTab(store.getState())!.schemaId).toBe('s-kinds-2');
  });

  it('does not retry other failures of call.start', async () => {
    const { client, store } = setup({
      'call.start': () => {
        throw Object.assign(new Error('method gone'), { code: 'not_found', details: {} });
      },
    });
    const id = await openOn(store, 'h:1', echo);
    await store.getState().send(id);
    expect(client.inputs('call.start')).toHaveLength(1);
    expect(activeTab(store.getState())!.sendError).toBe('method gone');
  });

  it('says what is wrong before calling: bad JSON with line and column, no method', async () => {
    const { client, store } = setup();
    const id = await openOn(store, 'h:1', echo);
    store.getState().setMessageText(id, 0, '{\n  "title": }');
    await store.getState().send(id);
    expect(activeTab(store.getState())!.sendError).toBe(
      'Request JSON: unexpected "}" at line 2, column 12',
    );
    // The draft keeps the last text that parsed.
    expect(activeTab(store.getState())!.draft.messages).toEqual([{}]);
    store.getState().newTab();
    await store.getState().send(store.getState().activeTabId!);
    expect(activeTab(store.getState())!.sendError).toContain('Pick a method');
    expect(client.inputs('call.start')).toHaveLength(0);
  });

  it('two tabs on two servers keep their own schema; loading one leaves the other alone', async () => {
    const { client, store } = setup();
    const a = await openOn(store, 'h:1', echo);
    store.getState().setMessage(a, 0, { title: 'to one' });
    const b = await openOn(store, 'h:2', otherModel.services[0]!.methods[0]!, true);
    const s = store.getState();
    expect(s.tabs.map((t) => [t.draft.connection.address, t.schemaId, t.draft.method])).toEqual([
      ['h:1', 's-kinds', '/kinds.KindService/Echo'],
      ['h:2', 's-other', '/other.OtherService/Ping'],
    ]);
    expect(s.tabs.map((t) => isStale(s, t))).toEqual([false, false]);
    await store.getState().send(a);
    await store.getState().send(b);
    // Tab a's first call still runs (nothing ends it here): the user agreed to replace it.
    await store.getState().send(a, { replaceRunning: true });
    expect(
      client.inputs('call.start').map((c) => [c.schemaId, c.request.connection.address]),
    ).toEqual([
      ['s-kinds', 'h:1'],
      ['s-other', 'h:2'],
      ['s-kinds', 'h:1'],
    ]);
    expect(client.inputs('call.start')[2]!.request.messages).toEqual([{ title: 'to one' }]);
  });

  it('tabs of one source share one loaded schema; a new tab starts on the active tab’s server', async () => {
    const { client, store } = setup();
    await openOn(store, 'h:1', echo);
    store.getState().newTab();
    const s = store.getState();
    expect(activeTab(s)!.draft.connection.address).toBe('h:1');
    expect(activeTab(s)!.schemaId).toBe('s-kinds');
    store.getState().openMethod(watch);
    // Loading the same source again reuses the model the store has.
    await store.getState().loadSchema();
    expect(client.inputs('schema.get')).toHaveLength(1);
    expect(Object.keys(store.getState().schemas)).toEqual(['s-kinds']);
    // Opening a method that is open in a tab of the same schema brings that tab forward.
    store.getState().openMethod(echo);
    expect(store.getState().activeTabId).toBe(s.tabs[0]!.id);
  });

  it('tabs restored together with one source ask the engine once', async () => {
    const { client, store } = setup();
    const a = store.getState().ensureTab();
    store.getState().setConnection({ address: 'h:2' });
    store.getState().newTab();
    const b = store.getState().activeTabId!;
    await Promise.all([store.getState().loadSchema(a), store.getState().loadSchema(b)]);
    expect(client.inputs('schema.load')).toHaveLength(1);
    expect(client.inputs('schema.get')).toHaveLength(1);
    expect(store.getState().tabs.map((t) => t.schemaId)).toEqual(['s-other', 's-other']);
  });

  it('a reload moves the tabs of that source to the new schema and leaves other sources alone', async () => {
    let version = 1;
    const { store } = setup({
      ...schemaAnswers(
        (input) => {
          if (input.connection.address.endsWith(':2')) return 's-other';
          if (input.reload) version++;
          return version === 1 ? 's-kinds' : `s-kinds-${version}`;
        },
        (schemaId) => (schemaId === 's-other' ? otherModel : kindsModel),
      ),
    });
    const a = await openOn(store, 'h:1', echo);
    const b = await openOn(store, 'h:1', watch, true);
    await openOn(store, 'h:2', otherModel.services[0]!.methods[0]!, true);
    await store.getState().loadSchema(b, { reload: true });
    const s = store.getState();
    expect(s.tabs.map((t) => t.schemaId)).toEqual(['s-kinds-2', 's-kinds-2', 's-other']);
    expect(Object.keys(s.schemas).sort()).toEqual(['s-kinds-2', 's-other']);
    expect(s.tabs.find((t) => t.id === a)!.schemaStatus).toBe('ready');
  });

  it('marks a tab whose own schema lacks its method, and only that tab', async () => {
    const { store } = setup();
    const a = await openOn(store, 'h:1', echo);
    await openOn(store, 'h:1', watch, true);
    store.getState().activateTab(a);
    store.getState().setConnection({ address: 'h:2' });
    await store.getState().loadSchema();
    const s = store.getState();
    expect(s.tabs.map((t) => isStale(s, t))).toEqual([true, false]);
  });

  it('sends all prepared messages of a client stream in order, keeps the stream open, then more from the composer', async () => {
    const { client, store } = setup();
    const id = await openOn(store, 'h:1', upload);
    store.getState().setMessage(id, 0, { title: 'one' });
    store.getState().addMessage(id, { title: 'three' });
    store.getState().addMessage(id, { title: 'two' });
    store.getState().moveMessage(id, 2, 1);
    store.getState().addMessage(id, { title: 'gone' });
    store.getState().removeMessage(id, 3);
    await store.getState().send(id);
    const [start] = client.inputs('call.start');
    expect(start!.request.messages).toEqual([
      { title: 'one' },
      { title: 'two' },
      { title: 'three' },
    ]);
    expect(start!.halfClose).toBe(false);
    expect(activeTab(store.getState())!.composer).toContain('three');
    store.getState().setComposer(id, '{"title": "four"}');
    await store.getState().sendComposer(id);
    await store.getState().endStream(id);
    await store.getState().cancelCall(id);
    expect(client.invoked.map((c) => c.name).filter((n) => n.startsWith('call.'))).toEqual([
      'call.start',
      'call.send',
      'call.halfClose',
      'call.cancel',
    ]);
    expect(client.inputs('call.send')[0]!.message).toEqual({ title: 'four' });
    expect(store.getState().calls[`c${callNo}`]!.halfClosed).toBe(true);
  });

  it('refuses a list with a message that does not parse, naming it', async () => {
    const { client, store } = setup();
    const id = await openOn(store, 'h:1', chat);
    store.getState().addMessage(id);
    store.getState().setMessageText(id, 1, '{"title": ');
    await store.getState().send(id);
    expect(activeTab(store.getState())!.sendError).toMatch(/^Message 2: /);
    expect(client.inputs('call.start')).toHaveLength(0);
  });
});

describe('call events', () => {
  it('appends event batches to the log and tells React once per frame', async () => {
    const { client, store, frames } = setup();
    const id = await openOn(store, 'h:1', watch);
    await store.getState().send(id);
    const callId = `c${callNo}`;
    for (let b = 0; b < 10; b++)
      client.emit('call.events', {
        callId,
        events: Array.from({ length: 100 }, (_, i) => received(b * 100 + i, b * 100 + i)),
      });
    expect(frames.length).toBe(1);
    expect(store.getState().calls[callId]!.version).toBe(0);
    frames.shift()!();
    expect(peekLog(callId)!.counts.received).toBe(1000);
    expect(store.getState().calls[callId]!.version).toBe(peekLog(callId)!.version);
  });

  it('fills a gap in the event log from call.events', async () => {
    let callId = '';
    const { client, store, frames } = setup({
      'call.events': (input: Input<'call.events'>) => {
        const since = input.sinceSeq ?? 0;
        return {
          callId,
          events: Array.from({ length: 10 - since }, (_, i) => received(since + i, since + i)),
          nextSeq: 10,
          more: false,
          done: false,
        };
      },
    });
    const id = await openOn(store, 'h:1', watch);
    await store.getState().send(id);
    callId = `c${callNo}`;
    client.emit('call.events', { callId, events: [received(0, 0), received(1, 1)] });
    client.emit('call.events', { callId, events: [received(5, 5)] });
    await vi.waitFor(() => expect(peekLog(callId)!.events.length).toBe(10), { timeout: 10_000 });
    expect(peekLog(callId)!.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(frames.length).toBeGreaterThan(0);
  });

  it('keeps the last response summary of a call that ended', async () => {
    const { client, store, frames } = setup();
    const id = await openOn(store, 'h:1', echo);
    await store.getState().send(id);
    const callId = `c${callNo}`;
    client.emit('call.events', { callId, events: [received(0, 1), ...ended(1)] });
    frames.shift()!();
    expect(activeTab(store.getState())!.lastResponse).toMatchObject({
      code: 0,
      codeName: 'OK',
      durationMs: 12,
      received: 1,
    });
  });

  it('refreshes a big live stream at most every LIVE_REFRESH_MS, and at once when it ends', async () => {
    const { client, store, frames } = setup();
    const id = await openOn(store, 'h:1', watch);
    await store.getState().send(id);
    const callId = `c${callNo}`;
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    try {
      const batch = (from: number, n: number): CallEvent[] =>
        Array.from({ length: n }, (_, i) => received(from + i, from + i));
      client.emit('call.events', { callId, events: batch(0, FIREHOSE_EVENTS) });
      expect(frames.length).toBe(1);
      frames.shift()!();
      // Big and still running: the next refresh waits for the interval.
      client.emit('call.events', { callId, events: batch(FIREHOSE_EVENTS, 10) });
      expect(frames.length).toBe(0);
      vi.advanceTimersByTime(LIVE_REFRESH_MS - 1);
      expect(frames.length).toBe(0);
      vi.advanceTimersByTime(1);
      expect(frames.length).toBe(1);
      frames.shift()!();
      expect(store.getState().calls[callId]!.version).toBe(peekLog(callId)!.version);
      // The end is shown in the next frame, not after the interval.
      client.emit('call.events', { callId, events: ended(FIREHOSE_EVENTS + 10) });
      expect(frames.length).toBe(1);
      frames.shift()!();
      expect(store.getState().calls[callId]!.done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('unsaved changes', () => {
  it('an edited tab is dirty, asks before closing, and closing it releases its call', async () => {
    const { client, store } = setup();
    const a = await openOn(store, 'h:1', echo);
    const b = await openOn(store, 'h:1', watch, true);
    expect(isDirty(activeTab(store.getState())!)).toBe(false);
    // A clean tab closes at once.
    store.getState().closeTab(b);
    expect(store.getState().tabs.map((t) => t.id)).toEqual([a]);
    store.getState().setMessage(a, 0, { title: 'typed' });
    await store.getState().send(a);
    expect(isDirty(activeTab(store.getState())!)).toBe(true);
    store.getState().closeTab(a);
    expect(store.getState().closingTabId).toBe(a);
    expect(store.getState().tabs).toHaveLength(1);
    store.getState().cancelClose();
    expect(store.getState().closingTabId).toBeNull();
    store.getState().closeTab(a);
    store.getState().discardTab(a);
    expect(store.getState().tabs).toHaveLength(0);
    expect(client.inputs('call.release')).toHaveLength(1);
  });

  it('Save clears the mark; a saved tab is dirty only while it differs from the file', async () => {
    const saved = (input: Input<'request.saveAs'>) => ({
      path: `${input.folder}/${input.name}`,
      request: { version: 2, ...input.request },
    });
    const { client, store } = setup({
      'request.saveAs': saved,
      'request.save': (input: Input<'request.save'>) => ({
        path: input.path,
        request: { version: 2, ...input.request },
      }),
    });
    const id = await openOn(store, 'h:1', echo);
    store.getState().setMessage(id, 0, { title: 'x' });
    expect(await store.getState().saveActiveAs('Users', 'First')).toBe(true);
    let tab = activeTab(store.getState())!;
    expect([tab.savedPath, tab.draft.name, isDirty(tab)]).toEqual(['Users/First', 'First', false]);
    store.getState().setMessage(id, 0, { title: 'y' });
    expect(isDirty(activeTab(store.getState())!)).toBe(true);
    store.getState().setMessage(id, 0, { title: 'x' });
    expect(isDirty(activeTab(store.getState())!)).toBe(false);
    store.getState().setMessage(id, 0, { title: 'z' });
    await store.getState().saveActive();
    tab = activeTab(store.getState())!;
    expect(isDirty(tab)).toBe(false);
    expect(client.inputs('request.save')[0]).toEqual({ path: 'Users/First', request: tab.draft });
    // The tree follows workspace.changed: nothing re-reads it after a save.
    expect(client.inputs('workspace.tree')).toHaveLength(0);
  });

  it('opening a saved request whose tab is open brings that tab forward with its own schema', async () => {
    const doc = {
      ...newRequest(plaintextConnection('h:2'), '/other.OtherService/Ping'),
      messages: [{ a: 1 }],
    };
    const { client, store } = setup({
      'request.read': (input: Input<'request.read'>) => ({
        path: input.path,
        request: { version: 2, ...doc },
      }),
    });
    await openOn(store, 'h:1', echo);
    await store.getState().openSaved('Other/Ping');
    const opened = activeTab(store.getState())!;
    expect([opened.savedPath, opened.schemaId, isDirty(opened)]).toEqual([
      'Other/Ping',
      's-other',
      false,
    ]);
    store.getState().activateTab(store.getState().tabs[0]!.id);
    await store.getState().openSaved('Other/Ping');
    expect(store.getState().activeTabId).toBe(opened.id);
    expect(client.inputs('request.read')).toHaveLength(1);
    expect(store.getState().tabs).toHaveLength(2);
  });

  it('a grpcurl command with two messages opens as one tab with two messages', async () => {
    const doc = {
      ...newRequest(plaintextConnection('h:1'), '/kinds.KindService/Chat'),
      messages: [{ title: 'a' }, { title: 'b' }],
    };
    const { client, store } = setup({
      'import.grpcurl': () => ({ request: doc, ignored: [], notes: [] }),
    });
    store.getState().ensureTab();
    expect(
      await store.getState().importGrpcurl("grpcurl -d '...' h:1 kinds.KindService/Chat"),
    ).toBe(true);
    // The blank tab was reused.
    expect(store.getState().tabs).toHaveLength(1);
    const tab = activeTab(store.getState())!;
    expect(tab.texts.map((t) => JSON.parse(t))).toEqual([{ title: 'a' }, { title: 'b' }]);
    expect(tab.schemaId).toBe('s-kinds');
    await store.getState().send(tab.id);
    expect(client.inputs('call.start')[0]!.request.messages).toEqual([
      { title: 'a' },
      { title: 'b' },
    ]);
  });
});

describe('session', () => {
  const stored = (): Session => {
    const a = {
      ...newRequest(plaintextConnection('h:1'), '/kinds.KindService/Echo'),
      messages: [{ title: 'kept' }],
    };
    const b = newRequest(plaintextConnection('h:2'), '/other.OtherService/Ping');
    return {
      version: 1,
      activeTabId: 'tab-b',
      tabs: [
        {
          id: 'tab-a',
          draft: a,
          texts: ['{"title": "kept", }'],
          savedPath: 'Users/A',
          saved: { ...a, messages: [{}] },
          editor: 'json',
          callId: 'gone',
          lastResponse: {
            code: 0,
            codeName: 'OK',
            message: '',
            durationMs: 3,
            received: 1,
            endedAt: 5,
          },
        },
        {
          id: 'tab-b',
          draft: b,
          texts: ['{}'],
          savedPath: null,
          saved: null,
          editor: 'form',
          record: true,
          callId: 'running',
          lastResponse: null,
        },
      ],
    };
  };

  it('restores tabs, drafts, texts, schemas per source and the active tab; re-attaches a running call', async () => {
    const session = stored();
    const { client, store } = setup({
      'session.read': () => ({ session }),
      'call.events': (input: Input<'call.events'>) => {
        if (input.callId === 'gone') throw new Error('no such call');
        return {
          callId: input.callId,
          events: [
            {
              seq: 0,
              t: 0,
              type: 'started',
              at: 1,
              method: '/other.OtherService/Ping',
              kind: 'server_stream',
              target: 'h:2',
              metadata: [],
            },
            received(1, 1),
          ],
          nextSeq: 2,
          more: false,
          done: false,
        };
      },
    });
    await store.getState().restoreSession();
    // vi.waitFor's default bound is 1 s: a loaded machine can miss it.
    await vi.waitFor(
      () => expect(store.getState().tabs.every((t) => t.schemaStatus === 'ready')).toBe(true),
      { timeout: 10_000 },
    );
    await vi.waitFor(() => expect(store.getState().calls.running).toBeDefined(), {
      timeout: 10_000,
    });
    const s = store.getState();
    expect(s.sessionReady).toBe(true);
    expect(s.activeTabId).toBe('tab-b');
    expect(s.tabs.map((t) => t.schemaId)).toEqual(['s-kinds', 's-other']);
    const [a] = s.tabs;
    // A text that did not parse is kept as typed; the draft keeps what parsed.
    expect(a!.texts).toEqual(['{"title": "kept", }']);
    expect(a!.draft.messages).toEqual([{ title: 'kept' }]);
    expect(isDirty(a!)).toBe(true);
    // The call that is gone is let go, its summary stays; the running one can be cancelled.
    expect(a!.callId).toBeNull();
    expect(a!.lastResponse?.codeName).toBe('OK');
    expect(s.calls.running).toMatchObject({ tabId: 'tab-b', kind: 'server_stream', done: false });
    expect(peekLog('running')!.counts.received).toBe(1);
    await store.getState().cancelCall('tab-b');
    expect(client.inputs('call.cancel')).toEqual([{ callId: 'running' }]);
    // What was restored is written back unchanged.
    expect(toSession(store.getState())).toEqual({
      ...session,
      tabs: [{ ...session.tabs[0]!, callId: null }, session.tabs[1]],
    });
  });

  it('shows why a stored session could not be read, and starts with a tab anyway', async () => {
    const { store } = setup({
      'session.read': () => ({
        session: null,
        problem: 'session.json is not valid JSON; moved to session.json.broken',
      }),
    });
    await store.getState().restoreSession();
    expect(store.getState().sessionProblem).toContain('not valid JSON');
    expect(store.getState().tabs).toHaveLength(1);
    expect(store.getState().sessionReady).toBe(true);
  });

  it('asks again once when session.read fails, and restores what the second answer holds', async () => {
    let asked = 0;
    const { store } = setup({
      'session.read': () => {
        if (++asked === 1) throw new Error('not connected yet');
        return { session: null };
      },
      'session.write': () => ({ ok: true }),
    });
    await store.getState().restoreSession();
    expect(asked).toBe(2);
    expect(store.getState().sessionProblem).toBeNull();
  });

  it('never writes over a stored session it could not read', async () => {
    const { client, store } = setup({
      'session.read': () => {
        throw new Error('the engine did not answer');
      },
      'session.write': () => ({ ok: true }),
    });
    await store.getState().restoreSession();
    expect(store.getState().sessionProblem).toMatch(/not stored, so the stored ones stay/);
    const stop = store.getState().syncSession(0);
    store.getState().setConnection({ address: 'h:1' });
    store.getState().flushSession();
    expect(client.inputs('session.write')).toHaveLength(0);
    stop();
  });

  it('writes the session once, a while after changes, and at once when flushed', async () => {
    const { client, store } = setup({
      'session.read': () => ({ session: null }),
      'session.write': () => ({ ok: true }),
    });
    await store.getState().restoreSession();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const stop = store.getState().syncSession(500);
      const id = store.getState().activeTabId!;
      store.getState().setConnection({ address: 'h:1' });
      store.getState().setConnection({ address: 'h:12' });
      vi.advanceTimersByTime(499);
      expect(client.inputs('session.write')).toHaveLength(0);
      vi.advanceTimersByTime(1);
      expect(client.inputs('session.write')).toHaveLength(1);
      expect(client.inputs('session.write')[0]!.session.tabs[0]!.draft.connection.address).toBe(
        'h:12',
      );
      // A change of what is not stored (schema state) writes nothing.
      store.getState().patchTab(id, { schemaStatus: 'loading' });
      vi.advanceTimersByTime(1000);
      expect(client.inputs('session.write')).toHaveLength(1);
      store.getState().setEditor(id, 'json');
      store.getState().flushSession();
      expect(client.inputs('session.write')).toHaveLength(2);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
