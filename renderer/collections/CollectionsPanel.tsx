// The sidebar's collections: Save / Save as for the active tab, new collection, import grpcurl,
// the tree, and the "Undo" of a delete. Opens the workspace and follows outside changes.
import { useEffect } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';
import { CollectionTree } from './CollectionTree.js';
import { CollectionsDialogs } from './CollectionsDialogs.js';
import { RunnerDialog } from '../runner/RunnerDialog.js';
import { UndoToast } from './UndoToast.js';

function useWorkspace(): void {
  const store = useStoreApi();
  useEffect(() => {
    void store.getState().openWorkspace();
    const stop = store.getState().listenWorkspace();
    // Ctrl/Cmd+S saves the active tab (Save as when it was never saved).
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      if (e.shiftKey) store.getState().setCollectionsDialog({ kind: 'saveAs' });
      else void store.getState().saveActive();
    };
    window.addEventListener('keydown', onKey);
    // Saved requests that no longer fit the active tab's schema are flagged (checked again when
    // that schema changes: another tab, a reload).
    const unwatch = store.subscribe((now, before) => {
      if (activeTab(now)?.schemaId !== activeTab(before)?.schemaId) void now.checkStale();
    });
    return () => {
      unwatch();
      stop();
      window.removeEventListener('keydown', onKey);
    };
  }, [store]);
}

export function CollectionsPanel() {
  const store = useStoreApi();
  const canSave = useWb((s) => (activeTab(s)?.draft.method ?? '') !== '');
  const error = useWb((s) => s.collectionsError);
  const dir = useWb((s) => s.workspaceDir);
  const dialogOpen = useWb((s) => s.collectionsDialog !== null);
  useWorkspace();
  const s = store.getState();
  return (
    <section
      aria-label="Collections panel"
      style={{
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        flex: '1 1 auto',
      }}
    >
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 4,
          padding: '4px 8px',
          flexWrap: 'wrap',
        }}
      >
        <strong
          style={{ flex: 1 }}
          title={dir ?? undefined}
          data-testid="workspace-dir"
          data-dir={dir ?? ''}
        >
          Collections
        </strong>
        <button onClick={() => void s.saveActive()} disabled={!canSave} title="Ctrl/Cmd+S">
          Save
        </button>
        <button
          onClick={() => s.setCollectionsDialog({ kind: 'saveAs' })}
          disabled={!canSave}
          title="Ctrl/Cmd+Shift+S"
        >
          Save as
        </button>
        <button onClick={() => s.setCollectionsDialog({ kind: 'newFolder', parent: '' })}>
          New collection
        </button>
        <button onClick={() => s.setCollectionsDialog({ kind: 'openWorkspace' })}>
          Open folder…
        </button>
        <button onClick={() => s.setCollectionsDialog({ kind: 'importGrpcurl' })}>
          Import grpcurl
        </button>
        <label
          className="button-like"
          style={{ cursor: 'pointer' }}
          title="Import a collection exported as one JSON file"
        >
          Import file…
          <input
            type="file"
            accept=".json,application/json"
            aria-label="Import collection file"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void file.text().then((text) => store.getState().importCollection(text));
            }}
          />
        </label>
      </div>
      {error && !dialogOpen && (
        <p className="error-text" role="alert" style={{ margin: '0 8px 4px' }}>
          {error}
        </p>
      )}
      <div style={{ overflow: 'auto', minHeight: 0 }}>
        <CollectionTree />
      </div>
      <UndoToast />
      <CollectionsDialogs />
      <RunnerDialog />
    </section>
  );
}
