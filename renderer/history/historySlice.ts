// The history of finished calls (kept by the engine in the workspace), searchable; an entry
// reopens into a tab as the request template it was sent from (an unsaved draft: the entry is
// what was sent, which the saved file may no longer be), with the response it got.
import type { StateCreator } from 'zustand';
import type { Output } from '../../shared/contract/types.js';
import { errorMessage } from '../api/client.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';
import { documentOf } from '../store/tab.js';
import { restoredCall } from './restoreResponse.js';

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
          const tabId = get().openDocument(documentOf(entry.request));
          const { call, summary } = restoredCall(entry.id, tabId, entry, 'unary');
          set((s) => ({ calls: { ...s.calls, [call.callId]: call } }));
          get().patchTab(tabId, {
            callId: call.callId,
            lastResponse: summary,
          });
          await get().loadSchema(tabId);
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
