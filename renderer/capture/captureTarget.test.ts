// The Capture panel's target is read by a store selector: with no tab open it must be the same
// object every time, or React sees a new value on every render and re-renders until it gives up
// (a blank page after closing the last tab).
import { describe, expect, it } from 'vitest';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';
import { effectiveCaptureTarget } from './captureSlice.js';

describe('the capture target with no tab open', () => {
  it('is one stable default connection', () => {
    const store = createWorkbenchStore(new ScriptedClient({}), (cb) => cb());
    const state = store.getState();
    expect(state.tabs).toEqual([]);
    expect(effectiveCaptureTarget(state)).toBe(effectiveCaptureTarget(state));
    expect(effectiveCaptureTarget(state).address).toMatch(/:\d+$/);
  });
});
