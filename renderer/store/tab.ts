// A tab is a document: its draft request (with its own connection and schema source), the message
// editors' texts, which saved request it is, its call and its schema state — one object. The
// functions here are pure (a tab in, a new tab out) so every slice can use them without importing
// another slice.
import type { JsonValue } from '../../shared/calls/events.js';
import type { Connection, RequestDocument } from '../../shared/request/index.js';
import { newRequest } from '../../shared/request/new-request.js';
import { plaintextConnection } from '../../shared/request/targets.js';
import type { ResponseSummary, SessionTab } from '../../shared/session/session.js';
import { locateJson } from '../json/locate.js';

export type SchemaStatus = 'idle' | 'loading' | 'ready' | 'error';
export type EditorView = 'form' | 'json';

export interface Tab {
  id: string;
  /** The request as edited; the document `call.start` sends and `request.save` writes. */
  draft: RequestDocument;
  /** One text per message, as typed; `draft.messages` holds the last text of each that parsed. */
  texts: string[];
  /** The saved request this tab is (`collection/folder/name`), and the document as saved. */
  savedPath: string | null;
  saved: RequestDocument | null;
  editor: EditorView;
  /** The tab's "Record" choice; absent: the default for the method's kind. */
  record?: boolean;
  callId: string | null;
  lastResponse: ResponseSummary | null;
  /** The schema loaded for the draft's source (shared with tabs of the same source). */
  schemaId: string | null;
  schemaStatus: SchemaStatus;
  schemaError: string | null;
  /** Why the last Send failed before the call started (bad JSON, unknown variable, …). */
  sendError: string | null;
  /** The next message for an open client or bidi stream (not kept in the session). */
  composer: string;
}

export const DEFAULT_ADDRESS = 'localhost:50051';

let serial = 0;
/** Unique within this page and unlike any id of an earlier page (restored tabs keep theirs). */
export const newTabId = (): string => `tab-${Date.now().toString(36)}-${(serial++).toString(36)}`;

export const messageText = (value: JsonValue): string => JSON.stringify(value, null, 2);

/** A tab showing this document, not yet linked to a saved file unless `saved` says so. */
export function tabFromDocument(
  draft: RequestDocument,
  link: { savedPath: string | null; saved: RequestDocument | null } = {
    savedPath: null,
    saved: null,
  },
): Tab {
  return {
    id: newTabId(),
    draft,
    texts: draft.messages.map(messageText),
    savedPath: link.savedPath,
    saved: link.saved,
    editor: 'form',
    callId: null,
    lastResponse: null,
    schemaId: null,
    schemaStatus: 'idle',
    schemaError: null,
    sendError: null,
    composer: messageText(draft.messages.at(-1) ?? {}),
  };
}

/** An empty request on `connection` (the active tab's, so a new tab talks to the same server). */
export function blankTab(
  connection: Connection = plaintextConnection(DEFAULT_ADDRESS),
  from?: Pick<Tab, 'draft' | 'schemaId' | 'schemaStatus' | 'schemaError'>,
): Tab {
  const draft = newRequest(connection);
  if (from?.draft.schema) draft.schema = from.draft.schema;
  const tab = tabFromDocument(draft);
  if (!from) return tab;
  return {
    ...tab,
    schemaId: from.schemaId,
    schemaStatus: from.schemaStatus,
    schemaError: from.schemaError,
  };
}

/** A tab that holds nothing of value yet: it may be reused for the next method or import. */
export function isBlank(tab: Tab): boolean {
  return (
    tab.draft.method === '' &&
    tab.savedPath === null &&
    tab.callId === null &&
    tab.draft.metadata.length === 0 &&
    tab.texts.every((t) => t.trim() === '' || t.replace(/\s/g, '') === '{}')
  );
}

export function tabFromSession(t: SessionTab): Tab {
  const texts =
    t.texts.length === t.draft.messages.length ? t.texts : t.draft.messages.map(messageText);
  return {
    id: t.id,
    draft: t.draft,
    texts,
    savedPath: t.savedPath,
    saved: t.saved,
    editor: t.editor,
    ...(t.record !== undefined ? { record: t.record } : {}),
    callId: t.callId,
    lastResponse: t.lastResponse,
    schemaId: null,
    schemaStatus: 'idle',
    schemaError: null,
    sendError: null,
    composer: messageText(t.draft.messages.at(-1) ?? {}),
  };
}

export function tabToSession(t: Tab): SessionTab {
  return {
    id: t.id,
    draft: t.draft,
    texts: t.texts,
    savedPath: t.savedPath,
    saved: t.saved,
    editor: t.editor,
    ...(t.record !== undefined ? { record: t.record } : {}),
    callId: t.callId,
    lastResponse: t.lastResponse,
  };
}

export function withDraft(tab: Tab, patch: Partial<RequestDocument>): Tab {
  const draft = { ...tab.draft, ...patch };
  // An optional field set to undefined is left out, as it would be in a file.
  for (const key of Object.keys(patch) as (keyof RequestDocument)[])
    if (draft[key] === undefined) delete draft[key];
  return { ...tab, draft };
}

/** The text of message `i` as typed; the draft takes it when it parses. */
export function withMessageText(tab: Tab, i: number, text: string): Tab {
  const texts = tab.texts.slice();
  const messages = tab.draft.messages.slice();
  while (texts.length <= i) {
    texts.push('{}');
    messages.push({});
  }
  texts[i] = text;
  const parsed = parseMessage(text);
  if (parsed.ok) messages[i] = parsed.value;
  return { ...tab, texts, draft: { ...tab.draft, messages } };
}

/** Message `i` as a value (the form, Example, Remove unknown fields). */
export function withMessageValue(tab: Tab, i: number, value: JsonValue): Tab {
  const texts = tab.texts.slice();
  const messages = tab.draft.messages.slice();
  while (texts.length <= i) {
    texts.push('{}');
    messages.push({});
  }
  texts[i] = messageText(value);
  messages[i] = value;
  return { ...tab, texts, draft: { ...tab.draft, messages } };
}

export function withMessageAdded(tab: Tab, value: JsonValue = {}): Tab {
  return withMessageValue(tab, tab.texts.length, value);
}

export function withMessageRemoved(tab: Tab, i: number): Tab {
  if (i < 0 || i >= tab.texts.length) return tab;
  return {
    ...tab,
    texts: tab.texts.filter((_, j) => j !== i),
    draft: { ...tab.draft, messages: tab.draft.messages.filter((_, j) => j !== i) },
  };
}

export function withMessageMoved(tab: Tab, from: number, to: number): Tab {
  const n = tab.texts.length;
  if (from < 0 || from >= n || to < 0 || to >= n || from === to) return tab;
  const move = <T>(list: readonly T[]): T[] => {
    const out = list.slice();
    const [item] = out.splice(from, 1) as [T];
    out.splice(to, 0, item);
    return out;
  };
  return {
    ...tab,
    texts: move(tab.texts),
    draft: { ...tab.draft, messages: move(tab.draft.messages) },
  };
}

export type Parsed = { ok: true; value: JsonValue } | { ok: false; error: string };

/** A message text as JSON (int64 beyond 2^53 kept exact as strings); empty means `{}`. */
export function parseMessage(text: string): Parsed {
  try {
    return { ok: true, value: locateJson(text.trim() === '' ? '{}' : text).value };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The draft with every message parsed from its text now, or the first problem in the user's
 * words (`Request JSON: …` for a single message, `Message 2: …` in a list).
 */
export function draftToSend(tab: Tab, list: boolean): RequestDocument | { problem: string } {
  const messages: JsonValue[] = [];
  for (const [i, text] of tab.texts.entries()) {
    const parsed = parseMessage(text);
    if (!parsed.ok)
      return { problem: `${list ? `Message ${i + 1}` : 'Request JSON'}: ${parsed.error}` };
    messages.push(parsed.value);
  }
  return { ...tab.draft, messages };
}

/** Replaces one tab in a list (unchanged list when there is no such tab). */
export function replaceTab(tabs: readonly Tab[], id: string, update: (t: Tab) => Tab): Tab[] {
  let changed = false;
  const out = tabs.map((t) => {
    if (t.id !== id) return t;
    const next = update(t);
    if (next !== t) changed = true;
    return next;
  });
  return changed ? out : (tabs as Tab[]);
}

/** The request document of a saved file (the file adds its format version). */
export function documentOf(saved: RequestDocument & { version?: number }): RequestDocument {
  const { version: _version, ...doc } = saved;
  return doc;
}
