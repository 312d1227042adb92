// Before sending: which `{{variables}}` of the active tab the selected environment lacks, and
// where they are used. The engine answers (it knows the secrets); nothing is sent.
import { useEffect, useState } from 'react';
import type { UnknownVariable } from '../../shared/workspace/tree.js';
import { tabToSaved, usesVariables } from '../collections/tabRequest.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';

const DEBOUNCE_MS = 250;

export function UnknownVariablesNote() {
  const store = useStoreApi();
  const tab = useWb((s) => s.tabs.find((t) => t.id === s.activeTabId));
  const connection = useWb((s) => s.connection);
  const environment = useWb((s) => s.selectedEnvironment);
  const environments = useWb((s) => s.environments);
  const [unknown, setUnknown] = useState<UnknownVariable[]>([]);

  useEffect(() => {
    if (!tab || !tab.methodPath || !usesVariables(tab, connection)) {
      setUnknown([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      let request;
      try {
        request = tabToSaved(tab, connection, tab.title || 'request');
      } catch {
        // The JSON does not parse yet: the request pane says so.
        return;
      }
      store
        .getState()
        .checkVariables(request)
        .then((u) => live && setUnknown(u))
        .catch(() => live && setUnknown([]));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [tab, connection, environment, environments, store]);

  if (unknown.length === 0) return null;
  const text = unknown.map((u) => `{{${u.name}}} in ${u.where}`).join(', ');
  return (
    <span className="warn-box" role="note" aria-label="Unknown variables" title={text}>
      ⚠ Unknown variable{unknown.length === 1 ? '' : 's'}: {text}
    </span>
  );
}
