// Says, above the active tab, that it shows a schema from dropped files and that a reload will not
// keep it; after a reload, that it showed one and the files must be dropped again (droppedRecord.ts
// says why the contents are not kept). Goes away when dismissed, or when the tab loads another
// schema in this page.
import { useEffect, useMemo, useState } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';
import { targetOf } from '../../shared/request/targets.js';
import type { SchemaSourceSpec } from '../../shared/request/index.js';
import type { Connection } from '../../shared/request/index.js';
import { namesOf } from './dropKinds.js';
import { PAGE_ID, droppedRecord, forgetDrop, type DroppedRecord } from './droppedRecord.js';

function sourceWords(source: SchemaSourceSpec | undefined, connection: Connection): string {
  if (!source || source.kind === 'reflection')
    return `server reflection on ${targetOf(connection) || 'its server'}`;
  return `${source.kind === 'protoFiles' ? 'the .proto files' : 'the descriptor sets'} ${namesOf(source.files)}`;
}

function dropped(r: DroppedRecord): string {
  const more = r.count - r.paths.length;
  return more > 0 ? `${namesOf(r.paths)} and ${more} more` : namesOf(r.paths);
}

export function DroppedNotice({
  notes,
  lastDrop,
}: {
  notes: string[];
  /** The record the latest drop in this page wrote (any tab). */
  lastDrop: DroppedRecord | null;
}) {
  const store = useStoreApi();
  const tab = useWb(activeTab);
  const [version, setVersion] = useState(0);
  const tabId = tab?.id;
  // Read from storage once per tab (and after this notice forgets it), not on every re-render:
  // the active tab changes with every keystroke in its editor.
  // `lastDrop` and `version` say when the record may have changed: a drop, a dismiss.
  const record = useMemo(() => {
    void lastDrop;
    void version;
    return tabId === undefined ? undefined : droppedRecord(tabId);
  }, [tabId, lastDrop, version]);
  const live = record !== undefined && record.pageId === PAGE_ID;
  const moved =
    live && tab !== undefined && tab.schemaId !== record.schemaId && tab.schemaStatus !== 'loading';
  useEffect(() => {
    // This page loaded another schema into the tab (its own source, say): the drop is history.
    if (moved && tab) {
      forgetDrop(tab.id);
      setVersion((v) => v + 1);
    }
  }, [moved, tab]);
  if (!tab || !record || moved) return null;
  const dismiss = (): void => {
    forgetDrop(tab.id);
    setVersion((v) => v + 1);
  };
  const choose = (): void => store.getState().setSettingsOpen(true);
  return (
    <div className="drop-notice warn-box" role="note" aria-label="Schema from dropped files">
      <p>
        {live
          ? `Schema from the dropped files ${dropped(record)}. Dropped files are not kept: after a reload this tab loads its own source again (${sourceWords(tab.draft.schema, tab.draft.connection)}); choose the files with Load .proto files… to keep them.`
          : `Before the reload this tab showed the schema of the dropped files ${dropped(record)}. Dropped files are not kept across a reload: drop them again, or choose them with Load .proto files… to keep them. The tab now loads its own source (${sourceWords(tab.draft.schema, tab.draft.connection)}).`}
      </p>
      {live && notes.map((n) => <p key={n}>{n}</p>)}
      <div className="next-steps">
        <button type="button" onClick={choose}>
          Load .proto files…
        </button>
        <button type="button" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
