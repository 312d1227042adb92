// The store after a drop loaded into a tab: the tab shows the dropped schema (its draft, and so
// its saved source, are left as they were: see droppedRecord.ts for why), its old failure is gone,
// and a model no tab uses any more is let go. Other tabs are not touched.
import type { Tab } from '../store/tab.js';
import type { LoadedSchema, WorkbenchState } from '../store/types.js';

type Part = Pick<WorkbenchState, 'tabs' | 'schemas' | 'schemaFailures'>;

export function withDroppedSchema(s: Part, tabId: string, loaded: LoadedSchema): Part {
  const id = loaded.summary.schemaId;
  const oldId = s.tabs.find((t) => t.id === tabId)?.schemaId ?? null;
  const tabs = s.tabs.map((t): Tab =>
    t.id === tabId ? { ...t, schemaId: id, schemaStatus: 'ready', schemaError: null } : t,
  );
  const schemas = { ...s.schemas, [id]: loaded };
  if (oldId !== null && oldId !== id && !tabs.some((t) => t.schemaId === oldId))
    delete schemas[oldId];
  const { [tabId]: _fixed, ...schemaFailures } = s.schemaFailures;
  return { tabs, schemas, schemaFailures };
}
