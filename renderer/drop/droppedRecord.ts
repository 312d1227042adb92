// Which tabs show a schema from dropped files, kept in the page's storage so that after a reload
// the tab can say so. Decided: a dropped schema is NOT kept across a reload; the tab says it must
// be dropped again. Why: a request names its schema by files (saved requests, history, gwb and
// "Copy as grpcurl" all read that one shape), and a browser gives no path for a dropped file, so
// the contents would need a second way of naming a schema; and keeping megabytes of .proto text
// in the session would rewrite them with every keystroke's session write. The tab's own source
// (what Connection settings shows) stays as it was, so what it loads after a reload is what it
// says; this record makes the switch visible instead of silent.
const KEY = 'gwb.droppedSchemas';
/** Records kept (one per tab that showed a dropped schema); the oldest go first. */
const MAX_RECORDS = 50;
/** Paths kept per record (the sentence names a few). */
const MAX_PATHS = 20;

export interface DroppedRecord {
  /** The dropped paths (the first few). */
  paths: string[];
  /** How many files were dropped in all. */
  count: number;
  /** The schema the drop loaded (ids are not reused across pages or engines). */
  schemaId: string;
  /** The page that dropped it: another page's record is one from before a reload. */
  pageId: string;
}

/** This page, as opposed to the one before a reload. */
export const PAGE_ID = `page-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

type Records = Record<string, DroppedRecord>;

function readAll(): Records {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Records)
      : {};
  } catch {
    return {};
  }
}

function writeAll(records: Records): void {
  const kept = Object.entries(records).slice(-MAX_RECORDS);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Not kept (storage full or off): the tab then just shows its own source after a reload.
  }
}

export function droppedRecord(tabId: string): DroppedRecord | undefined {
  const r = readAll()[tabId];
  return r && Array.isArray(r.paths) && typeof r.schemaId === 'string' ? r : undefined;
}

export function rememberDrop(tabId: string, paths: string[], schemaId: string): DroppedRecord {
  const record = {
    paths: paths.slice(0, MAX_PATHS),
    count: paths.length,
    schemaId,
    pageId: PAGE_ID,
  };
  const all = readAll();
  delete all[tabId];
  writeAll({ ...all, [tabId]: record });
  return record;
}

export function forgetDrop(tabId: string): void {
  const all = readAll();
  if (!(tabId in all)) return;
  delete all[tabId];
  writeAll(all);
}
