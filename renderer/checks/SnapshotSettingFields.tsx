// "Compare with snapshot" in the Tests section (issue 15 §3): when ticked, every run (the runner,
// `gwb run`) compares this request's call with its stored snapshot, leaving out the paths listed.
import { useState } from 'react';
import type { SnapshotSetting } from '../../shared/request/checks.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';
import { ignoreAdded, ignoreEdited, ignoreRemoved, snapshotToggled } from './snapshotSetting.js';

export function SnapshotSettingFields({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const snapshot = useWb((s) => tabById(s, tabId)?.draft.snapshot);
  const [newPath, setNewPath] = useState('');
  const set = (next: SnapshotSetting | undefined): void =>
    store.getState().patchDraft(tabId, { snapshot: next });
  const ignore = snapshot?.ignore ?? [];
  const add = (): void => {
    if (snapshot === undefined) return;
    set(ignoreAdded(snapshot, newPath));
    setNewPath('');
  };
  return (
    <>
      <h5>Snapshot</h5>
      <label>
        <input
          type="checkbox"
          checked={snapshot !== undefined}
          onChange={(e) => set(snapshotToggled(e.target.checked))}
        />{' '}
        Compare with snapshot
      </label>
      <p className="muted">
        {snapshot === undefined ? (
          <>
            Off: the call is compared with its snapshot only in a run with{' '}
            <code className="flag">--snapshots</code>.
          </>
        ) : (
          'Every run compares the call with snapshots/<request path>.ndjson; a missing one is written and reported as new.'
        )}
      </p>
      {snapshot !== undefined && (
        <>
          <ol className="check-list" aria-label="Snapshot ignore paths">
            {ignore.map((p, i) => (
              <li key={i} className="check-row">
                <input
                  aria-label={`Snapshot ignore path ${i + 1}`}
                  aria-invalid={p.trim() === ''}
                  value={p}
                  onChange={(e) => set(ignoreEdited(snapshot, i, e.target.value))}
                />
                {p.trim() === '' && (
                  <span className="error-text" role="alert">
                    Empty: type a field path or remove it (an empty path cannot be saved).
                  </span>
                )}
                <button
                  className="small"
                  aria-label={`Remove snapshot ignore path ${i + 1}`}
                  onClick={() => set(ignoreRemoved(snapshot, i))}
                >
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <div className="check-row">
            <input
              aria-label="New snapshot ignore path"
              placeholder="e.g. headers.date"
              value={newPath}
              onChange={(e) => setNewPath(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') add();
              }}
            />
            <button className="small" disabled={newPath.trim() === ''} onClick={add}>
              Add ignore path
            </button>
          </div>
        </>
      )}
    </>
  );
}
