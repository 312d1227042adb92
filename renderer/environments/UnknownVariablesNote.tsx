// Before sending: which `{{variables}}` of the active tab the selected environment lacks, and
// where they are used. The engine answers (it knows the secrets); nothing is sent.
import { useEffect, useState } from 'react';
import type { UnknownVariable } from '../../shared/workspace/tree.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';
import { usesVariables } from './variables.js';

const DEBOUNCE_MS = 250;

export function UnknownVariablesNote() {
  const store = useStoreApi();
  const draft = useWb((s) => activeTab(s)?.draft);
  const environment = useWb((s) => s.selectedEnvironment);
  const environments = useWb((s) => s.environments);
  const [unknown, setUnknown] = useState<UnknownVariable[]>([]);

  useEffect(() => {
    if (!draft || draft.method === '' || !usesVariables(draft)) {
      setUnknown([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      store
        .getState()
        .checkVariables(draft)
        .then((u) => live && setUnknown(u))
        .catch(() => live && setUnknown([]));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft, environment, environments, store]);

  if (unknown.length === 0) return null;
  const text = unknown.map((u) => `{{${u.name}}} in ${u.where}`).join(', ');
  return (
    <span className="warn-box" role="note" aria-label="Unknown variables" title={text}>
      ⚠ Unknown variable{unknown.length === 1 ? '' : 's'}: {text}
    </span>
  );
}
