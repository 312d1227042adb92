// The per-tab "Record" switch in the request toolbar: on by default for streaming methods.
import type { CallKind } from '../../shared/schema/model.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';
import { recordDefault } from './recordingsSlice.js';

export function RecordToggle({ tabId, kind }: { tabId: string; kind: CallKind }) {
  const store = useStoreApi();
  const choice = useWb((s) => tabById(s, tabId)?.record);
  const on = choice ?? recordDefault(kind);
  return (
    <label className="muted" title="Write this call to a recording (replay, diff, mock)">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => store.getState().setRecord(tabId, e.target.checked)}
      />{' '}
      Record
    </label>
  );
}
