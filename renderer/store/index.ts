// One store in typed slices (schemas, tabs, calls, session, ui, …), actions beside their state.
// Slices reach each other only through the store (`get()`); shared helpers live in leaf modules
// (tab, dirty, selectors, callLogs), so no slice imports another.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineClient } from '../api/client.js';
import type { WorkbenchState } from './types.js';
import { createSchemasSlice } from './schemasSlice.js';
import { createTabsSlice } from './tabsSlice.js';
import { createCallsSlice } from './callsSlice.js';
import { createSessionSlice } from './sessionSlice.js';
import { createUiSlice } from './uiSlice.js';
import { createCollectionsSlice } from '../collections/collectionsSlice.js';
import { createEnvironmentsSlice } from '../environments/environmentsSlice.js';
import { createHistorySlice } from '../history/historySlice.js';
import { createRecordingsSlice } from '../recordings/recordingsSlice.js';
import { createChecksSlice } from '../checks/checksSlice.js';
import { createRunnerSlice } from '../runner/runnerSlice.js';
import { createLoadSlice } from '../load/loadSlice.js';
import { createCaptureSlice } from '../capture/captureSlice.js';

export type WorkbenchStore = StoreApi<WorkbenchState>;
export type { WorkbenchState } from './types.js';

const frame = (cb: () => void): void => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => cb());
  else setTimeout(cb, 16);
};

export function createWorkbenchStore(
  client: EngineClient,
  schedule: (cb: () => void) => void = frame,
): WorkbenchStore {
  const deps = { client, schedule };
  return createStore<WorkbenchState>()((...a) => ({
    ...createSchemasSlice(deps)(...a),
    ...createTabsSlice(...a),
    ...createCallsSlice(deps)(...a),
    ...createSessionSlice(deps)(...a),
    ...createUiSlice(...a),
    ...createCollectionsSlice(deps)(...a),
    ...createEnvironmentsSlice(deps)(...a),
    ...createHistorySlice(deps)(...a),
    ...createRecordingsSlice(deps)(...a),
    ...createChecksSlice(deps)(...a),
    ...createRunnerSlice(deps)(...a),
    ...createLoadSlice(deps)(...a),
    ...createCaptureSlice(deps)(...a),
  }));
}
