// A capture's first calls can be announced before capture.start answers with its id: they are
// held, then listed once the id is known (another capture's are not).
import { describe, expect, it } from 'vitest';
import type { Output } from '../../shared/contract/types.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';
import { capturedCall as call, captureView } from './capture.testkit.js';

const view = captureView('capture-1');

describe('calls announced before capture.start answers', () => {
  it('are listed once the capture’s id is known; another capture’s are not', async () => {
    let answer: (v: Output<'capture.start'>) => void = () => undefined;
    const client = new ScriptedClient({
      'capture.start': () => new Promise<Output<'capture.start'>>((r) => (answer = r)),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().listenCaptureCalls();
    const starting = store.getState().startCapture(0);
    // Until the engine was asked (the answer is held).
    while (client.count('capture.start') === 0) await new Promise((r) => setTimeout(r, 5));
    client.emit('capture.calls', { captureId: 'capture-1', calls: [call('first')] });
    client.emit('capture.calls', { captureId: 'capture-0', calls: [call('other')] });
    answer(view);
    await starting;
    expect(store.getState().capturedCalls.map((c) => c.id)).toEqual(['first']);
  });
});
