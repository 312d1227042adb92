// Unsaved changes: a tab's draft differs from what was saved, or a never-saved tab holds work
// (messages, metadata, a deadline, notes). Changing only the server of an unsaved tab is not work
// worth a question when it closes.
import type { RequestDocument } from '../../shared/request/index.js';
import type { Tab } from './tab.js';

/** Deep equality of JSON-like values: object key order and keys set to undefined do not count. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameJson(x, bs[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>): string[] =>
    Object.keys(o).filter((k) => o[k] !== undefined);
  const ak = keys(ao);
  if (ak.length !== keys(bo).length) return false;
  return ak.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]));
}

const isEmptyMessage = (m: unknown): boolean =>
  typeof m === 'object' && m !== null && !Array.isArray(m) && Object.keys(m).length === 0;

/** A never-saved draft with nothing typed in it. */
function holdsNoWork(d: RequestDocument): boolean {
  return (
    d.messages.every(isEmptyMessage) &&
    d.metadata.length === 0 &&
    d.deadlineMs === undefined &&
    d.notes === '' &&
    Object.keys(d.options).length === 0
  );
}

// Comparing a large draft on every render would cost; the answer is kept per (draft, saved) pair.
const memo = new WeakMap<RequestDocument, { saved: RequestDocument | null; dirty: boolean }>();

export function isDirty(tab: Pick<Tab, 'draft' | 'saved'>): boolean {
  const hit = memo.get(tab.draft);
  if (hit && hit.saved === tab.saved) return hit.dirty;
  const dirty = tab.saved ? !sameJson(tab.draft, tab.saved) : !holdsNoWork(tab.draft);
  memo.set(tab.draft, { saved: tab.saved, dirty });
  return dirty;
}
