// After a request is deleted: "Deleted X — Undo" for a while; Undo writes it back.
import { useEffect } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';

const SHOW_MS = 10_000;

export function UndoToast() {
  const store = useStoreApi();
  const undo = useWb((s) => s.undo);
  useEffect(() => {
    if (!undo) return;
    const t = setTimeout(() => {
      if (store.getState().undo === undo) store.setState({ undo: null });
    }, SHOW_MS);
    return () => clearTimeout(t);
  }, [undo, store]);
  if (!undo) return null;
  return (
    <div
      className="toast"
      aria-live="polite"
      style={{ display: 'flex', gap: 8, alignItems: 'center', bottom: 70 }}
    >
      <span>Deleted {undo.path}</span>
      <button onClick={() => void store.getState().undoDelete()}>Undo</button>
    </div>
  );
}
