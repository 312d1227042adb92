// Closing a tab with unsaved changes asks: save (when it has a file), discard, or keep it open.
// A real dialog in the page (window.confirm blocks the page and cannot be styled or tested).
import { useEffect, useRef } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { tabById } from '../store/selectors.js';

export function ConfirmClose() {
  const store = useStoreApi();
  const tabId = useWb((s) => s.closingTabId);
  const name = useWb((s) => tabById(s, s.closingTabId)?.draft.name ?? '');
  const savedPath = useWb((s) => tabById(s, s.closingTabId)?.savedPath ?? null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), [tabId]);
  if (!tabId) return null;
  const s = store.getState();
  const saveAndClose = async (): Promise<void> => {
    s.activateTab(tabId);
    await store.getState().saveActive();
    const tab = tabById(store.getState(), tabId);
    if (tab && tab.savedPath !== null && store.getState().collectionsError === null)
      store.getState().discardTab(tabId);
    else store.getState().cancelClose();
  };
  return (
    <div className="overlay" onKeyDown={(e) => e.key === 'Escape' && s.cancelClose()}>
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-close-title"
        aria-describedby="confirm-close-text"
      >
        <h2 id="confirm-close-title">Unsaved changes</h2>
        <p id="confirm-close-text">
          {name} has changes that are not saved{savedPath ? ` to ${savedPath}` : ''}. Close it
          anyway?
        </p>
        <div className="actions">
          <button ref={keep} onClick={() => s.cancelClose()}>
            Keep open
          </button>
          {savedPath && <button onClick={() => void saveAndClose()}>Save and close</button>}
          <button className="danger" onClick={() => s.discardTab(tabId)}>
            Discard changes
          </button>
        </div>
      </div>
    </div>
  );
}
