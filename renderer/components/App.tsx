// The workbench layout: connection bar, service tree, tabs with request and response panes, status bar.
import { useEffect } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { TopBar } from './TopBar.js';
import { ServiceTree } from './ServiceTree.js';
import { TabBar } from './TabBar.js';
import { Workspace } from './Workspace.js';
import { StatusBar } from './StatusBar.js';
import { Welcome } from './Welcome.js';
import { SettingsDialog } from './SettingsDialog.js';
import { LoadDialog } from '../load/LoadDialog.js';
import { ConfirmClose } from './ConfirmClose.js';
import { useShortcuts } from './useShortcuts.js';
import { useUnsavedGuard } from './useUnsavedGuard.js';
import { CollectionsPanel } from '../collections/CollectionsPanel.js';
import { HistoryPanel } from '../history/HistoryPanel.js';
import { RecordingsPanel } from '../recordings/RecordingsPanel.js';
import { CapturePanel } from '../capture/CapturePanel.js';
import { Rail } from '../layout/Rail.js';
import { useDialogTop } from '../layout/useDialogTop.js';
import { DropZone } from '../drop/DropZone.js';

function SessionProblem() {
  const store = useStoreApi();
  const problem = useWb((s) => s.sessionProblem);
  if (!problem) return null;
  return (
    <div className="session-problem warn-box" role="alert">
      <span>{problem}</span>
      <button className="small" onClick={() => store.getState().dismissSessionProblem()}>
        Dismiss
      </button>
    </div>
  );
}

export function App({ askBeforeUnload = true }: { askBeforeUnload?: boolean }) {
  const theme = useWb((s) => s.theme);
  const ready = useWb((s) => s.sessionReady);
  const welcome = useWb((s) => s.welcome);
  const settingsOpen = useWb((s) => s.settingsOpen);
  const toast = useWb((s) => s.toast);
  const store = useStoreApi();
  useShortcuts();
  useUnsavedGuard(askBeforeUnload);
  useDialogTop(ready);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => store.getState().showToast(null), 2500);
    return () => clearTimeout(t);
  }, [toast, store]);
  if (!ready)
    return (
      <div className="app">
        <p className="empty muted" aria-live="polite">
          Restoring your tabs…
        </p>
      </div>
    );
  return (
    <div className="app">
      <TopBar />
      <Rail
        // A recording's viewer lies over the request, opened from its panel: going elsewhere in
        // the sidebar closes it, as a Postman drawer would, so it never hides Send behind it.
        onLeave={(panel) => {
          const s = store.getState();
          if ((panel === 'recordings' || panel === 'capture') && s.openedRecording)
            s.closeRecording();
        }}
        panels={{
          services: <ServiceTree />,
          collections: <CollectionsPanel />,
          history: <HistoryPanel />,
          recordings: <RecordingsPanel />,
          capture: <CapturePanel />,
        }}
      />
      <main className="main">
        <SessionProblem />
        <DropZone />
        <TabBar />
        <Workspace />
      </main>
      <StatusBar />
      {welcome && <Welcome />}
      {settingsOpen && <SettingsDialog />}
      <LoadDialog />
      <ConfirmClose />
      {toast && (
        <div className="toast" role="alert">
          {toast}
        </div>
      )}
    </div>
  );
}
