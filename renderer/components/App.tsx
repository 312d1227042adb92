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
import { useShortcuts } from './useShortcuts.js';
import { CollectionsPanel } from '../collections/CollectionsPanel.js';
import { HistoryPanel } from '../history/HistoryPanel.js';
import { RecordingsPanel } from '../recordings/RecordingsPanel.js';

export function App() {
  const theme = useWb((s) => s.theme);
  const welcome = useWb((s) => s.welcome);
  const settingsOpen = useWb((s) => s.settingsOpen);
  const toast = useWb((s) => s.toast);
  const store = useStoreApi();
  useShortcuts();
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => store.getState().showToast(null), 2500);
    return () => clearTimeout(t);
  }, [toast, store]);
  return (
    <div className="app">
      <TopBar />
      <aside className="sidebar" aria-label="Sidebar">
        <ServiceTree />
        <CollectionsPanel />
        <HistoryPanel />
        <RecordingsPanel />
      </aside>
      <main className="main">
        <TabBar />
        <Workspace />
      </main>
      <StatusBar />
      {welcome && <Welcome />}
      {settingsOpen && <SettingsDialog />}
      {toast && (
        <div className="toast" role="alert">
          {toast}
        </div>
      )}
    </div>
  );
}
