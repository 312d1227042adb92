// The checks slice over a scripted engine client (the real engine is driven in e2e/checks.spec.ts):
// a call's results are kept by call id, a capture reloads the session's values, and a save refused
// over an expression is kept for the active tab's field and closes the Save as dialog.
import { describe, expect, it } from 'vitest';
import type { CallChecks, CapturedView } from './checksSlice.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';

describe('checks slice', () => {
  it('keeps call.checks by call id and reloads the captured values after a capture', async () => {
    const client = new ScriptedClient({
      'captures.list': () => ({ captures: [{ name: 'token', secret: true }] }),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().listenChecks();
    client.emit('call.checks', {
      callId: 'c1',
      passed: true,
      assertions: [],
      captures: [{ index: 0, name: 'token', secret: true }],
    });
    expect(store.getState().callChecks.c1?.captures[0]?.name).toBe('token');
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().captured).toEqual([{ name: 'token', secret: true }]);
  });

  it('keeps a refused expression for the active tab, closes Save as, and forgets it when edited', () => {
    const store = createWorkbenchStore(new ScriptedClient({}), (cb) => cb());
    const tabId = store.getState().ensureTab();
    store.getState().setCollectionsDialog({ kind: 'saveAs' });
    const problem = { path: 'assertions[1].expr', line: 1, column: 16, message: 'unexpected end' };
    store.getState().noteSaveRefusal({ code: 'invalid_input', details: { problems: [problem] } });
    expect(store.getState().checksRefusal).toMatchObject({ tabId, problems: [problem] });
    expect(store.getState().collectionsDialog).toBeNull();
    // Any other failed save leaves it be.
    store.getState().noteSaveRefusal(new Error('disk full'));
    expect(store.getState().checksRefusal?.problems).toEqual([problem]);
    store.getState().dropChecksProblem(tabId, 'assertions[1].expr');
    expect(store.getState().checksRefusal).toBeNull();
  });

  it('listens to call.checks only between listenChecks() and its unsubscribe', () => {
    const client = new ScriptedClient({ 'captures.list': () => ({ captures: [] }) });
    const store = createWorkbenchStore(client, (cb) => cb());
    client.emit('call.checks', checksOf('c0'));
    expect(store.getState().callChecks).toEqual({});
    const stop = store.getState().listenChecks();
    client.emit('call.checks', checksOf('c1'));
    stop();
    client.emit('call.checks', checksOf('c2'));
    expect(Object.keys(store.getState().callChecks)).toEqual(['c1']);
  });

  it("forgets a call's checks when the call is released", () => {
    const client = new ScriptedClient({ 'call.release': () => ({}) });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().listenChecks();
    client.emit('call.checks', checksOf('c1'));
    client.emit('call.checks', checksOf('c2'));
    store.getState().releaseCall('c1');
    expect(Object.keys(store.getState().callChecks)).toEqual(['c2']);
  });

  it('keeps the latest captured list: one asked for before Clear and answered after it is dropped', async () => {
    const answers: ((captures: CapturedView[]) => void)[] = [];
    const client = new ScriptedClient({
      'captures.list': () =>
        new Promise((resolve) => answers.push((captures) => resolve({ captures }))),
      'captures.clear': () => ({}),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    const before = store.getState().loadCaptured();
    const cleared = store.getState().clearCaptured();
    await until(() => answers.length === 2);
    answers[1]!([]);
    await cleared;
    answers[0]!([{ name: 'token', value: 'old', secret: false }]);
    await before;
    expect(store.getState().captured).toEqual([]);
  });
});

function checksOf(callId: string): CallChecks {
  return { callId, passed: true, assertions: [], captures: [] };
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 0));
}
