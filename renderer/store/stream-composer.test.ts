// The calls slice for streams the user composes (issue 14, part 3): a running call is never
// cancelled silently (Send asks first), and the composer's message is checked against the schema,
// its error kept beside the composer and gone with the call.
import { describe, it, expect } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { SchemaModel } from '../../shared/schema/model.js';
import { ScriptedClient, schemaAnswers } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from './index.js';
import { kindsSchema } from '../form/fixtureSchema.js';

const kinds = kindsSchema();
const echo = kinds.services[0]!.methods[0]!;
const chat = {
  ...echo,
  name: 'Chat',
  fullName: 'kinds.KindService.Chat',
  path: '/kinds.KindService/Chat',
  kind: 'bidi_stream' as const,
};
const model: SchemaModel = {
  ...kinds,
  services: [{ ...kinds.services[0]!, methods: [echo, chat] }],
};

// Call logs are kept per call id for the whole module: ids unique to this file.
let callNo = 0;

async function streamTab(failSend?: string) {
  const client = new ScriptedClient({
    ...schemaAnswers('s-composer', model),
    'channel.state': () => ({ target: 'x', state: 'READY' }),
    'call.start': () => ({ callId: `composer-${++callNo}` }),
    'call.send': () => {
      if (failSend) throw new Error(failSend);
      return { ok: true };
    },
    'call.halfClose': () => ({ ok: true }),
    'call.cancel': () => ({ ok: true }),
    'call.release': () => ({ ok: true }),
  });
  const frames: (() => void)[] = [];
  const store = createWorkbenchStore(client, (cb) => frames.push(cb));
  store.getState().listen();
  store.getState().setConnection({ address: 'h:1' });
  await store.getState().loadSchema();
  store.getState().openMethod(chat);
  const tabId = store.getState().activeTabId!;
  await store.getState().send(tabId);
  const callId = `composer-${callNo}`;
  const end = (): void => {
    const events: CallEvent[] = [
      {
        seq: 0,
        t: 0,
        type: 'status',
        status: { code: 0, codeName: 'OK', message: '', details: [] },
      },
      { seq: 1, t: 1, type: 'ended', durationMs: 1 },
    ];
    client.emit('call.events', { callId, events });
    for (const f of frames.splice(0)) f();
  };
  return { client, store, tabId, callId, end };
}

describe('a new call while one runs', () => {
  it('asks instead of cancelling, and cancels only once the user agrees', async () => {
    const { client, store, tabId, callId } = await streamTab();
    await store.getState().send(tabId);
    expect(store.getState().newCallAsk).toBe(tabId);
    expect(client.count('call.cancel')).toBe(0);
    expect(client.count('call.start')).toBe(1);

    store.getState().dismissNewCall();
    expect(store.getState().newCallAsk).toBeNull();
    expect(store.getState().calls[callId]!.done).toBe(false);

    await store.getState().send(tabId);
    await store.getState().send(tabId, { replaceRunning: true });
    expect(client.inputs('call.cancel')).toEqual([{ callId }]);
    expect(client.count('call.start')).toBe(2);
    expect(store.getState().newCallAsk).toBeNull();
  });

  it('does not ask once the call has ended', async () => {
    const { client, store, tabId, end } = await streamTab();
    end();
    await store.getState().send(tabId);
    expect(store.getState().newCallAsk).toBeNull();
    expect(client.count('call.start')).toBe(2);
    expect(client.count('call.cancel')).toBe(0);
  });
});

describe('the composer', () => {
  it('does not send a value the schema refuses, says where, and clears on a good send', async () => {
    const { client, store, tabId, callId } = await streamTab();
    store.getState().setComposer(tabId, '{"count": "many", "flag": "yes"}');
    await store.getState().sendComposer(tabId);
    expect(client.count('call.send')).toBe(0);
    expect(store.getState().calls[callId]!.composerError).toMatch(/^count: .+ \(and 1 more\)$/);
    // The request pane's own error line is not where the composer's problems go.
    expect(store.getState().tabs[0]!.sendError).toBeNull();

    store.getState().setComposer(tabId, '{"count": 3}');
    await store.getState().sendComposer(tabId);
    expect(client.inputs('call.send')).toEqual([{ callId, message: { count: 3 } }]);
    expect(store.getState().calls[callId]!.composerError).toBeNull();
  });

  it('says when the message is not JSON', async () => {
    const { client, store, tabId, callId } = await streamTab();
    store.getState().setComposer(tabId, '{"count": ');
    await store.getState().sendComposer(tabId);
    expect(client.count('call.send')).toBe(0);
    expect(store.getState().calls[callId]!.composerError).toMatch(/^The message is not valid JSON/);
  });

  it('keeps the engine’s refusal beside the composer until the call ends', async () => {
    const { store, tabId, callId, end } = await streamTab('the stream is closed');
    await store.getState().sendComposer(tabId);
    expect(store.getState().calls[callId]!.composerError).toBe('the stream is closed');
    end();
    expect(store.getState().calls[callId]!.done).toBe(true);
    expect(store.getState().calls[callId]!.composerError).toBeNull();
  });
});
