// Open requests. Each tab is one document with its own connection and schema source; the
// connection bar and the schema settings edit the active tab's draft. Closing a tab with unsaved
// changes asks first.
import type { StateCreator } from 'zustand';
import type { JsonValue } from '../../shared/calls/events.js';
import type { MethodInfo } from '../../shared/schema/model.js';
import type { Connection, RequestDocument, SchemaSourceSpec } from '../../shared/request/index.js';
import { methodName } from '../../shared/request/method-path.js';
import {
  blankTab,
  isBlank,
  replaceTab,
  tabFromDocument,
  withDraft,
  withMessageAdded,
  withMessageMoved,
  withMessageRemoved,
  withMessageText,
  withMessageValue,
  type EditorView,
  type Tab,
} from './tab.js';
import { forgetDrop } from '../drop/droppedRecord.js';
import { isDirty } from './dirty.js';
import { activeTab, tabById } from './selectors.js';
import type { WorkbenchState } from './types.js';

export interface TabsSlice {
  tabs: Tab[];
  activeTabId: string | null;
  /** A tab with unsaved changes the user asked to close: the confirm dialog is showing. */
  closingTabId: string | null;
  /** The active tab's id, opening a blank one when there is none. */
  ensureTab: () => string;
  /** Opens a method of the active tab's schema: its tab if open, else in a blank or new tab. */
  openMethod: (method: MethodInfo, newTab?: boolean) => void;
  /** Opens a document (a saved request, an import, a history entry) and returns its tab's id. */
  openDocument: (
    doc: RequestDocument,
    link?: { savedPath: string | null; saved: RequestDocument | null },
  ) => string;
  /** A new blank tab on the active tab's server and schema. */
  newTab: () => void;
  /** Closes a tab, or asks first when it has unsaved changes. */
  closeTab: (id: string) => void;
  /** Closes a tab without asking (its unsaved changes are dropped). */
  discardTab: (id: string) => void;
  cancelClose: () => void;
  activateTab: (id: string) => void;
  patchTab: (id: string, patch: Partial<Omit<Tab, 'id' | 'draft' | 'texts'>>) => void;
  /** Edits the draft's connection (default: the active tab's). */
  setConnection: (patch: Partial<Connection>, tabId?: string) => void;
  /** Sets where the draft's schema comes from; undefined is reflection on its connection. */
  setSchemaSource: (source: SchemaSourceSpec | undefined, tabId?: string) => void;
  /** Metadata, deadline, options, notes, name. */
  patchDraft: (tabId: string, patch: Partial<Omit<RequestDocument, 'messages'>>) => void;
  setMessageText: (tabId: string, index: number, text: string) => void;
  setMessage: (tabId: string, index: number, value: JsonValue) => void;
  addMessage: (tabId: string, value?: JsonValue) => void;
  removeMessage: (tabId: string, index: number) => void;
  moveMessage: (tabId: string, from: number, to: number) => void;
  setEditor: (tabId: string, editor: EditorView) => void;
  setRecord: (tabId: string, on: boolean) => void;
  setComposer: (tabId: string, text: string) => void;
}

/** Whether the tab is a place for something new: nothing typed, no file, no call. */
const reusable = (tab: Tab | undefined): tab is Tab => !!tab && isBlank(tab) && !isDirty(tab);

export const createTabsSlice: StateCreator<WorkbenchState, [], [], TabsSlice> = (set, get) => {
  const update = (id: string, fn: (t: Tab) => Tab): void =>
    set((s) => ({ tabs: replaceTab(s.tabs, id, fn) }));
  const add = (tab: Tab): void => set((s) => ({ tabs: [...s.tabs, tab], activeTabId: tab.id }));
  /** Puts `tab` in the place of the active tab when that one is blank, else adds it. */
  const place = (tab: Tab): string => {
    const active = activeTab(get());
    if (!reusable(active)) {
      add(tab);
      return tab.id;
    }
    const reused = { ...tab, id: active.id };
    set((s) => ({ tabs: replaceTab(s.tabs, active.id, () => reused), activeTabId: active.id }));
    return active.id;
  };

  return {
    tabs: [],
    activeTabId: null,
    closingTabId: null,
    ensureTab: () => {
      const active = activeTab(get());
      if (active) return active.id;
      const tab = blankTab();
      add(tab);
      return tab.id;
    },
    openMethod: (method, forceNew = false) => {
      const s = get();
      const active = activeTab(s);
      const open = s.tabs.find(
        (t) =>
          t.draft.method === method.path && t.schemaId !== null && t.schemaId === active?.schemaId,
      );
      if (open && !forceNew) {
        set({ activeTabId: open.id });
        return;
      }
      const base = blankTab(active?.draft.connection, active);
      const tab = withDraft(base, { method: method.path, name: methodName(method.path) });
      if (!forceNew && reusable(active)) {
        update(active.id, (t) => ({
          ...tab,
          id: t.id,
          editor: t.editor,
        }));
        return;
      }
      add(tab);
    },
    openDocument: (doc, link) => place(tabFromDocument(doc, link)),
    newTab: () => {
      const active = activeTab(get());
      add(blankTab(active?.draft.connection, active));
    },
    closeTab: (id) => {
      const tab = tabById(get(), id);
      if (!tab) return;
      if (isDirty(tab)) set({ closingTabId: id, activeTabId: id });
      else get().discardTab(id);
    },
    discardTab: (id) => {
      const { tabs, activeTabId } = get();
      const i = tabs.findIndex((t) => t.id === id);
      if (i < 0) return;
      const tab = tabs[i] as Tab;
      if (tab.callId) get().releaseCall(tab.callId);
      forgetDrop(id); // the tab is gone: its dropped-schema record would never be read again
      const rest = tabs.filter((t) => t.id !== id);
      const next =
        activeTabId === id ? (rest[Math.min(i, rest.length - 1)]?.id ?? null) : activeTabId;
      set({ tabs: rest, activeTabId: next, closingTabId: null });
    },
    cancelClose: () => set({ closingTabId: null }),
    activateTab: (id) => {
      if (tabById(get(), id)) set({ activeTabId: id });
    },
    patchTab: (id, patch) => update(id, (t) => ({ ...t, ...patch })),
    setConnection: (patch, tabId) => {
      const id = tabId ?? get().ensureTab();
      update(id, (t) =>
        withDraft(t, { connection: cleanConnection({ ...t.draft.connection, ...patch }) }),
      );
    },
    setSchemaSource: (source, tabId) => {
      const id = tabId ?? get().ensureTab();
      update(id, (t) => withDraft(t, { schema: source }));
    },
    patchDraft: (tabId, patch) => update(tabId, (t) => withDraft(t, patch)),
    setMessageText: (tabId, i, text) => update(tabId, (t) => withMessageText(t, i, text)),
    setMessage: (tabId, i, value) => update(tabId, (t) => withMessageValue(t, i, value)),
    addMessage: (tabId, value) => update(tabId, (t) => withMessageAdded(t, value)),
    removeMessage: (tabId, i) => update(tabId, (t) => withMessageRemoved(t, i)),
    moveMessage: (tabId, from, to) => update(tabId, (t) => withMessageMoved(t, from, to)),
    setEditor: (tabId, editor) => update(tabId, (t) => ({ ...t, editor })),
    setRecord: (tabId, on) => update(tabId, (t) => ({ ...t, record: on })),
    setComposer: (tabId, composer) => update(tabId, (t) => ({ ...t, composer })),
  };
};

/** Optional settings typed empty are left out (the document refuses empty strings there). */
function cleanConnection(c: Connection): Connection {
  const out = { ...c };
  for (const key of Object.keys(out) as (keyof Connection)[])
    if (out[key] === undefined || out[key] === '') if (key !== 'address') delete out[key];
  return out;
}
