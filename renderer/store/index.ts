// One store in typed slices (connection, tabs, calls, ui), actions beside their state.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineClient } from '../api/client.js';
import type { WorkbenchState } from './types.js';
import { createConnectionSlice } from './connectionSlice.js';
import { createTabsSlice } from './tabsSlice.js';
import { createCallsSlice } from './callsSlice.js';
import { createUiSlice } from './uiSlice.js';
import { createCollectionsSlice } from '../collections/collectionsSlice.js';
import { createEnvironmentsSlice } from '../environments/environmentsSlice.js';
import { createHistorySlice } from '../history/historySlice.js';
import { createRecordingsSlice } from '../recordings/recordingsSlice.js';

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
    ...createConnectionSlice(deps)(...a),
    ...createTabsSlice(...a),
    ...createCallsSlice(deps)(...a),
    ...createUiSlice(...a),
    ...createCollectionsSlice(deps)(...a),
    ...createEnvironmentsSlice(deps)(...a),
    ...createHistorySlice(deps)(...a),
    ...createRecordingsSlice(deps)(...a),
  }));
}
