import type { EngineClient } from '../api/client.js';
import type { SchemaModel } from '../../shared/schema/model.js';
import type { SchemaSummary } from '../../shared/contract/types.js';
import type { SchemasSlice } from './schemasSlice.js';
import type { TabsSlice } from './tabsSlice.js';
import type { CallsSlice } from './callsSlice.js';
import type { SessionSlice } from './sessionSlice.js';
import type { UiSlice } from './uiSlice.js';
import type { CollectionsSlice } from '../collections/collectionsSlice.js';
import type { EnvironmentsSlice } from '../environments/environmentsSlice.js';
import type { HistorySlice } from '../history/historySlice.js';
import type { RecordingsSlice } from '../recordings/recordingsSlice.js';
import type { ChecksSlice } from '../checks/checksSlice.js';
import type { RunnerSlice } from '../runner/runnerSlice.js';
import type { LoadSlice } from '../load/loadSlice.js';
import type { CaptureSlice } from '../capture/captureSlice.js';

export type WorkbenchState = SchemasSlice &
  TabsSlice &
  CallsSlice &
  SessionSlice &
  UiSlice &
  CollectionsSlice &
  EnvironmentsSlice &
  HistorySlice &
  RecordingsSlice &
  ChecksSlice &
  RunnerSlice &
  LoadSlice &
  CaptureSlice;

/** A schema the engine loaded, with its model as the forms use it. */
export interface LoadedSchema {
  summary: SchemaSummary;
  model: SchemaModel;
}

export interface StoreDeps {
  client: EngineClient;
  /** Schedules a flush once per frame; tests pass a synchronous one. */
  schedule: (cb: () => void) => void;
}
