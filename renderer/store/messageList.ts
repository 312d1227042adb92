// Editing a client or bidi request's prepared messages as a list, beyond the tab's own add,
// remove and move: duplicating one keeps its text exactly as typed (even JSON that does not parse
// yet) and puts the copy right after it.
import type { WorkbenchStore } from './index.js';
import { tabById } from './selectors.js';

/** Copies message `index` to `index + 1`; returns the copy's index (or -1 when there is none). */
export function duplicateMessage(store: WorkbenchStore, tabId: string, index: number): number {
  const text = tabById(store.getState(), tabId)?.texts[index];
  if (text === undefined) return -1;
  const s = store.getState();
  const end = tabById(s, tabId)!.texts.length;
  s.addMessage(tabId);
  s.setMessageText(tabId, end, text);
  s.moveMessage(tabId, end, index + 1);
  return index + 1;
}
