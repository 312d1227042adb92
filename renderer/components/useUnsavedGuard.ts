// Unsaved changes outside the tab bar: the window title starts with "• " (the desktop shell shows
// it), leaving or reloading the page asks, and the session is written before the page goes.
import { useEffect } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { isDirty } from '../store/dirty.js';
import { activeTab } from '../store/selectors.js';

export const APP_TITLE = 'gRPC Workbench';

export function windowTitle(activeName: string | undefined, anyDirty: boolean): string {
  const base = activeName ? `${activeName} — ${APP_TITLE}` : APP_TITLE;
  return anyDirty ? `• ${base}` : base;
}

export function useUnsavedGuard(askBeforeUnload: boolean): void {
  const store = useStoreApi();
  const anyDirty = useWb((s) => s.tabs.some(isDirty));
  const activeName = useWb((s) => activeTab(s)?.draft.name);
  useEffect(() => {
    document.title = windowTitle(activeName, anyDirty);
  }, [activeName, anyDirty]);
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      store.getState().flushSession();
      if (!askBeforeUnload || !store.getState().tabs.some(isDirty)) return;
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    const onPageHide = (): void => store.getState().flushSession();
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [store, askBeforeUnload]);
}
