// "Run load…" on the request in a tab: the Load view on the tab's request as it is now (unsaved
// edits too); a saved request's reports are kept beside it, an unsaved one's are shown only.
import type { WorkbenchState } from '../store/types.js';
import { isDirty } from '../store/dirty.js';
import { tabById } from '../store/selectors.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';

function targetOf(s: WorkbenchState, tabId: string) {
  const tab = tabById(s, tabId);
  if (!tab) return null;
  return {
    path: tab.savedPath,
    request: tab.draft,
    // Its report would be filed under the saved request, whose file these edits are not.
    unsavedEdits: tab.savedPath !== null && isDirty(tab),
    title: tab.savedPath ?? (tab.draft.name || tab.draft.method || 'unsaved request'),
  };
}

export function RunLoadButton({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const method = useWb((s) => tabById(s, tabId)?.draft.method ?? '');
  return (
    <button
      className="small"
      disabled={method === ''}
      title="Run this request many times: throughput, latency percentiles, statuses"
      onClick={() => store.getState().openLoad(targetOf(store.getState(), tabId))}
    >
      Run load…
    </button>
  );
}
