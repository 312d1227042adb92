// Narrow reads of the store that components and slices share. Only types are imported from the
// slices, so this module sits below all of them.
import type { MethodInfo, SchemaModel } from '../../shared/schema/model.js';
import { findMethod } from '../../shared/schema/methods.js';
import type { Tab } from './tab.js';
import type { LoadedSchema, WorkbenchState } from './types.js';

export const tabById = (s: WorkbenchState, id: string | null | undefined): Tab | undefined =>
  id ? s.tabs.find((t) => t.id === id) : undefined;

export const activeTab = (s: WorkbenchState): Tab | undefined => tabById(s, s.activeTabId);

export const loadedSchemaOf = (
  s: WorkbenchState,
  tab: Pick<Tab, 'schemaId'> | undefined,
): LoadedSchema | undefined => (tab?.schemaId ? s.schemas[tab.schemaId] : undefined);

export const schemaOf = (
  s: WorkbenchState,
  tab: Pick<Tab, 'schemaId'> | undefined,
): SchemaModel | null => loadedSchemaOf(s, tab)?.model ?? null;

export const methodOf = (s: WorkbenchState, tab: Tab | undefined): MethodInfo | undefined =>
  tab ? findMethod(schemaOf(s, tab), tab.draft.method) : undefined;

/** The tab names a method its own loaded schema does not have (renamed or removed). */
export function isStale(s: WorkbenchState, tab: Tab): boolean {
  if (tab.draft.method === '' || tab.schemaStatus !== 'ready') return false;
  const schema = schemaOf(s, tab);
  return schema !== null && findMethod(schema, tab.draft.method) === undefined;
}
