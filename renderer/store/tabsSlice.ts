// Open requests, each with its own draft that survives switching tabs and reloading the schema.
import type { StateCreator } from 'zustand';
import type { MethodInfo, SchemaModel } from '../../shared/schema/model.js';
import type { WorkbenchState } from './types.js';
import type { MetaRow } from './metadataRows.js';

export interface Tab {
  id: string;
  /** `/package.Service/Method`, or null for an empty tab. */
  methodPath: string | null;
  title: string;
  /** The request as JSON text: the one source of truth the form and the JSON editor both edit. */
  body: string;
  /** The next message to send on an open client or bidi stream. */
  composer: string;
  metadata: MetaRow[];
  /** Milliseconds as typed; empty means no deadline. */
  deadline: string;
  editor: 'form' | 'json';
  callId: string | null;
  /** The method is gone from the reloaded schema. */
  stale: boolean;
}

export interface TabsSlice {
  tabs: Tab[];
  activeTabId: string | null;
  openMethod: (method: MethodInfo, newTab?: boolean) => void;
  newTab: () => void;
  closeTab: (id: string) => void;
  activateTab: (id: string) => void;
  updateTab: (id: string, patch: Partial<Omit<Tab, 'id'>>) => void;
  markStaleTabs: () => void;
}

let nextTab = 1;

export function findMethod(
  schema: SchemaModel | null,
  path: string | null,
): MethodInfo | undefined {
  if (!schema || !path) return undefined;
  for (const s of schema.services) for (const m of s.methods) if (m.path === path) return m;
  return undefined;
}

const blankTab = (): Tab => ({
  id: `tab-${nextTab++}`,
  methodPath: null,
  title: 'New tab',
  body: '{}',
  composer: '{}',
  metadata: [],
  deadline: '',
  editor: 'form',
  callId: null,
  stale: false,
});

export const createTabsSlice: StateCreator<WorkbenchState, [], [], TabsSlice> = (set, get) => ({
  tabs: [],
  activeTabId: null,
  openMethod: (method, forceNew = false) => {
    const { tabs, activeTabId } = get();
    const existing = tabs.find((t) => t.methodPath === method.path);
    if (existing && !forceNew) {
      set({ activeTabId: existing.id });
      return;
    }
    const active = tabs.find((t) => t.id === activeTabId);
    // An untouched empty tab is reused rather than left behind.
    const reuse = !forceNew && active && active.methodPath === null && active.callId === null;
    const tab: Tab = {
      ...(reuse ? active : blankTab()),
      methodPath: method.path,
      title: method.name,
      body: '{}',
      composer: '{}',
      stale: false,
    };
    set({
      tabs: reuse ? tabs.map((t) => (t.id === tab.id ? tab : t)) : [...tabs, tab],
      activeTabId: tab.id,
    });
  },
  newTab: () => {
    const tab = blankTab();
    set((s) => ({ tabs: [...s.tabs, tab], activeTabId: tab.id }));
  },
  closeTab: (id) => {
    const { tabs, activeTabId } = get();
    const i = tabs.findIndex((t) => t.id === id);
    if (i < 0) return;
    const tab = tabs[i] as Tab;
    if (tab.callId) get().releaseCall(tab.callId);
    const rest = tabs.filter((t) => t.id !== id);
    const next =
      activeTabId === id ? (rest[Math.min(i, rest.length - 1)]?.id ?? null) : activeTabId;
    set({ tabs: rest, activeTabId: next });
  },
  activateTab: (id) => set({ activeTabId: id }),
  updateTab: (id, patch) =>
    set((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
  markStaleTabs: () => {
    const schema = get().schema;
    set((s) => ({
      tabs: s.tabs.map((t) => ({
        ...t,
        stale: t.methodPath !== null && !findMethod(schema, t.methodPath),
      })),
    }));
  },
});
