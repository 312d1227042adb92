// Ctrl/Cmd+Enter sends, Ctrl/Cmd+W closes the tab, Ctrl/Cmd+T opens one.
import { useEffect } from 'react';
import { useStoreApi } from '../store/useWorkbench.js';

export function useShortcuts(): void {
  const store = useStoreApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const s = store.getState();
      const key = e.key.toLowerCase();
      if (key === 'enter' && s.activeTabId) {
        e.preventDefault();
        void s.send(s.activeTabId);
      } else if (key === 'w' && s.activeTabId) {
        e.preventDefault();
        s.closeTab(s.activeTabId);
      } else if (key === 't') {
        e.preventDefault();
        s.newTab();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
