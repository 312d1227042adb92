// Before sending: which `{{variables}}` of the active tab the selected environment lacks, and
// where they are used. The engine answers with the check its call path makes before a call
// (workspace.prepare → prepareCall), so the note and a refused Send name the same variables in the
// same words — the auth a saved request inherits from its folders (folder.json) included, which
// is why the renderer neither looks for `{{` itself nor skips a draft without any. Nothing is sent.
import { useEffect, useState } from 'react';
import type { UnknownVariable } from '../../shared/workspace/tree.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';

const DEBOUNCE_MS = 250;

export function UnknownVariablesNote() {
  const store = useStoreApi();
  const draft = useWb((s) => activeTab(s)?.draft);
  const savedPath = useWb((s) => activeTab(s)?.savedPath ?? null);
  const environment = useWb((s) => s.selectedEnvironment);
  const environments = useWb((s) => s.environments);
  // A folder's auth is edited in a dialog: its closing is when inherited variables may change.
  const dialog = useWb((s) => s.collectionsDialog);
  const [unknown, setUnknown] = useState<UnknownVariable[]>([]);

  useEffect(() => {
    if (!draft || draft.method === '') {
      setUnknown([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      store
        .getState()
        .checkVariables(draft, savedPath)
        .then((u) => live && setUnknown(u))
        .catch(() => live && setUnknown([]));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft, savedPath, environment, environments, dialog, store]);

  if (unknown.length === 0) return null;
  const text = unknown.map((u) => `{{${u.name}}} in ${u.where}`).join(', ');
  return (
    <span className="warn-box" role="note" aria-label="Unknown variables" title={text}>
      ⚠ Unknown variable{unknown.length === 1 ? '' : 's'}: {text}
    </span>
  );
}
