import type { EngineClient } from '../api/client.js';
import type { ConnectionSlice } from './connectionSlice.js';
import type { TabsSlice } from './tabsSlice.js';
import type { CallsSlice } from './callsSlice.js';
import type { UiSlice } from './uiSlice.js';
import type { CollectionsSlice } from '../collections/collectionsSlice.js';
import type { EnvironmentsSlice } from '../environments/environmentsSlice.js';
import type { HistorySlice } from '../history/historySlice.js';
import type { RecordingsSlice } from '../recordings/recordingsSlice.js';

export type WorkbenchState = ConnectionSlice &
  TabsSlice &
  CallsSlice &
  UiSlice &
  CollectionsSlice &
  EnvironmentsSlice &
  HistorySlice &
  RecordingsSlice;

export interface StoreDeps {
  client: EngineClient;
  /** Schedules a flush once per frame; tests pass a synchronous one. */
  schedule: (cb: () => void) => void;
}
