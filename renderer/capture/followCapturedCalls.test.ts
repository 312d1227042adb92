// The capture's calls are followed by the one follower of a run's events
// (renderer/api/followOwnEvents.ts): from before capture.start / capture.list answers the id until
// the capture stops; the panel's listen and its stop only start and end that following.
import { describe, expect, it } from 'vitest';
import { CountingClient } from '../api/counting-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';
import { capturedCall as call, captureView as view } from './capture.testkit.js';

function captures(): { client: CountingClient; ids: string[] } {
  const ids: string[] = [];
  const client = new CountingClient('capture.calls', {
    'capture.start': () => {
      ids.push(`capture-${ids.length + 1}`);
      return view(ids[ids.length - 1] ?? '');
    },
    'capture.stop': () => ({ ok: true }),
    'capture.list': () => ({ captures: [{ ...view('capture-9'), calls: [call('listed')] }] }),
  });
  return { client, ids };
}

describe('following a capture’s calls', () => {
  it('lists the running capture’s calls, none after it stops, and keeps one listener across captures', async () => {
    const { client } = captures();
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().listenCaptureCalls();
    await store.getState().startCapture(0);
    client.emit('capture.calls', { captureId: 'capture-1', calls: [call('a')] });
    await store.getState().stopCapture();
    expect(client.listening).toBe(0);
    client.emit('capture.calls', { captureId: 'capture-1', calls: [call('late')] });
    expect(store.getState().capturedCalls.map((c) => c.id)).toEqual(['a']);

    await store.getState().startCapture(0);
    client.emit('capture.calls', { captureId: 'capture-1', calls: [call('old')] });
    client.emit('capture.calls', { captureId: 'capture-2', calls: [call('b')] });
    expect(store.getState().capturedCalls.map((c) => c.id)).toEqual(['b']);
    expect(client.listening).toBe(1);
  });

  it('a failed start leaves no listener behind', async () => {
    const client = new CountingClient('capture.calls', {
      'capture.start': () => {
        throw new Error('port 5000 is in use');
      },
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    await store.getState().startCapture(5000);
    expect(store.getState().captureError).toMatch(/in use/);
    expect(client.listening).toBe(0);
  });

  it('after a reload follows the capture the engine still runs; the panel’s stop ends it and a new listen resumes it', async () => {
    const { client } = captures();
    const store = createWorkbenchStore(client, (cb) => cb());
    const stop = store.getState().listenCaptureCalls();
    await store.getState().restoreCapture();
    client.emit('capture.calls', { captureId: 'capture-9', calls: [call('live')] });
    expect(new Set(store.getState().capturedCalls.map((c) => c.id))).toEqual(
      new Set(['listed', 'live']),
    );
    stop();
    expect(client.listening).toBe(0);
    client.emit('capture.calls', { captureId: 'capture-9', calls: [call('unseen')] });
    store.getState().listenCaptureCalls();
    client.emit('capture.calls', { captureId: 'capture-9', calls: [call('again')] });
    expect(new Set(store.getState().capturedCalls.map((c) => c.id))).toEqual(
      new Set(['listed', 'live', 'again']),
    );
    expect(client.listening).toBe(1);
  });

  it('a reload with no capture running follows nothing', async () => {
    const client = new CountingClient('capture.calls', {
      'capture.list': () => ({ captures: [] }),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().listenCaptureCalls();
    await store.getState().restoreCapture();
    expect(store.getState().capture).toBeNull();
    expect(client.listening).toBe(0);
  });
});
