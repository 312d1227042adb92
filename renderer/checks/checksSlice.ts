// A call's checks in the UI (issue 15): the assertion results and captured values each call
// publishes (`call.checks`), the session's captured values (`captures.list` / `captures.clear`),
// and the expressions the engine refused when the request was saved, so the Tests section can
// show each at its field and move focus there.
import type { StateCreator } from 'zustand';
import type { EventPayload, Output } from '../../shared/contract/types.js';
import { errorMessage } from '../api/client.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';
import { refusedChecks, type CheckProblem } from './problems.js';

export type CallChecks = EventPayload<'call.checks'>;
export type CapturedView = Output<'captures.list'>['captures'][number];

export interface ChecksRefusal {
  tabId: string;
  problems: CheckProblem[];
  /** Grows with each refusal, so the same problem refused twice takes focus twice. */
  serial: number;
}

export interface ChecksSlice {
  /** callId → the checks of that call (kept while the call is). */
  callChecks: Record<string, CallChecks>;
  /** Subscribes to `call.checks`; returns the unsubscribe. */
  listenChecks: () => () => void;
  checksRefusal: ChecksRefusal | null;
  /** Takes a failed save's error: an expression refusal is kept for the active tab's fields. */
  noteSaveRefusal: (error: unknown) => void;
  /** Forgets the refusal of one field (it was edited), or all of the tab's. */
  dropChecksProblem: (tabId: string, path?: string) => void;
  captured: CapturedView[];
  capturedError: string | null;
  loadCaptured: () => Promise<void>;
  clearCaptured: (names?: string[]) => Promise<void>;
}

export const createChecksSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], ChecksSlice> =>
  (set, get) => {
    const { client } = deps;
    let serial = 0;
    // Each captures.list asked for; only the latest one's answer is kept.
    let capturedAsk = 0;
    return {
      callChecks: {},
      // Started beside `listen()` (results come for calls of any tab, shown or not).
      listenChecks: () =>
        client.subscribe('call.checks', (checks) => {
          set((s) => ({ callChecks: { ...s.callChecks, [checks.callId]: checks } }));
          if (checks.captures.length > 0) void get().loadCaptured();
        }),
      checksRefusal: null,
      noteSaveRefusal: (error) => {
        const problems = refusedChecks(error);
        const tabId = get().activeTabId;
        if (!problems || !tabId) return;
        // The Save as dialog closes: the field to fix is behind it.
        set({ checksRefusal: { tabId, problems, serial: ++serial }, collectionsDialog: null });
      },
      dropChecksProblem: (tabId, path) =>
        set((s) => {
          const r = s.checksRefusal;
          if (!r || r.tabId !== tabId) return s;
          const problems = path === undefined ? [] : r.problems.filter((p) => p.path !== path);
          if (problems.length === r.problems.length) return s;
          return { checksRefusal: problems.length ? { ...r, problems } : null };
        }),
      captured: [],
      capturedError: null,
      loadCaptured: async () => {
        // A list asked for before a Clear may answer after the Clear's own reload: it is stale.
        const ask = ++capturedAsk;
        try {
          const r = await client.invoke('captures.list', {});
          if (ask === capturedAsk) set({ captured: r.captures, capturedError: null });
        } catch (e) {
          if (ask === capturedAsk) set({ capturedError: errorMessage(e) });
        }
      },
      clearCaptured: async (names) => {
        try {
          await client.invoke('captures.clear', names ? { names } : {});
          await get().loadCaptured();
        } catch (e) {
          set({ capturedError: errorMessage(e) });
        }
      },
    };
  };
