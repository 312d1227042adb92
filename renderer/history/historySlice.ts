// The history of finished calls (kept by the engine in the workspace), searchable; an entry
// reopens into a new tab as the request template it was sent from.
import type { StateCreator } from 'zustand';
import type { Output } from '../../shared/contract/types.js';
import { errorMessage } from '../api/client.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';
import { savedToConnection, savedToTab } from '../collections/tabRequest.js';

export type HistorySummary = Output<'history.list'>['entries'][number];

export interface HistorySlice {
  historyEntries: HistorySummary[];
  historyQuery: string;
  historyError: string | null;
  loadHistory: () => Promise<void>;
  setHistoryQuery: (query: string) => Promise<void>;
  reopenHistory: (id: string) => Promise<void>;
  clearHistory: () => Promise<void>;
}

export const createHistorySlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], HistorySlice> =>
  (set, get) => {
    let generation = 0;
    return {
      historyEntries: [],
      historyQuery: '',
      historyError: null,
      loadHistory: async () => {
        // Answers can overtake each other while typing; only the newest is shown.
        const mine = ++generation;
        const query = get().historyQuery.trim();
        try {
          const entries =
            query === ''
              ? (await deps.client.invoke('history.list', { limit: 200 })).entries
              : (await deps.client.invoke('history.search', { query, limit: 200 })).entries;
          if (mine === generation) set({ historyEntries: entries, historyError: null });
        } catch (e) {
          if (mine === generation) set({ historyError: errorMessage(e) });
        }
      },
      setHistoryQuery: async (historyQuery) => {
        set({ historyQuery });
        await get().loadHistory();
      },
      reopenHistory: async (id) => {
        try {
          const { entry } = await deps.client.invoke('history.get', { id });
          get().newTab();
          const tabId = get().activeTabId;
          if (!tabId) return;
          get().updateTab(tabId, savedToTab(entry.request));
          get().setConnection(savedToConnection(entry.request));
          get().markStaleTabs();
          if (entry.requestPath)
            set((s) => ({ savedPaths: { ...s.savedPaths, [tabId]: entry.requestPath as string } }));
        } catch (e) {
          set({ historyError: errorMessage(e) });
        }
      },
      clearHistory: async () => {
        try {
          await deps.client.invoke('history.clear', {});
          await get().loadHistory();
        } catch (e) {
          set({ historyError: errorMessage(e) });
        }
      },
    };
  };
