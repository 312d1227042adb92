// Load runs in the UI (issue 18 §2): which request the Load view is open on, the run in progress as
// `load.progress` tells it (one snapshot per interval), its report, the request's saved reports and
// two of them compared. The engine runs it (main/engine/load.ts); this only starts, follows and
// cancels it.
import type { StateCreator } from 'zustand';
import type {
  LoadProgressEvent,
  LoadReportEntry,
  LoadReportFile,
  LoadSettingsInput,
  LoadSnapshot,
} from '../../shared/contract/load-commands.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { errorMessage } from '../api/client.js';
import { followOwnEvents, type FollowedEvents } from '../api/followOwnEvents.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';
import { formFieldOf } from './formFields.js';
import { withSnapshot } from './timeline.js';

export interface LoadTarget {
  /** The saved request (its reports are kept beside it); null: an unsaved tab. */
  path: string | null;
  /** The tab's document, with its unsaved edits; absent: the saved file as it is. */
  request?: RequestDocument;
  title: string;
  /** A saved request's tab with edits not saved: its run's report is shown, not filed under it. */
  unsavedEdits?: boolean;
}

export interface LoadRunState {
  loadId: string | null;
  snapshots: LoadSnapshot[];
  report: LoadReportFile | null;
  /** The saved report's name, once saved. */
  name: string | null;
  error: string | null;
  /** The setting the error is about (`rps`, `thresholds[1]`), to show it beside its field. */
  field: string | null;
}

export interface LoadComparison {
  a: { name: string; report: LoadReportFile };
  b: { name: string; report: LoadReportFile };
}

export interface LoadSlice {
  loadTarget: LoadTarget | null;
  openLoad: (target: LoadTarget | null) => void;
  loadRun: LoadRunState | null;
  /** A data file: call k uses its row k (a relative path starts in the workspace folder). */
  startLoad: (settings: LoadSettingsInput, dataFile?: string) => Promise<void>;
  cancelLoad: () => Promise<void>;
  loadReports: LoadReportEntry[];
  loadReportsError: string | null;
  refreshLoadReports: () => Promise<void>;
  loadComparison: LoadComparison | null;
  compareLoadReports: (a: string, b: string) => Promise<void>;
}

const fresh = (): LoadRunState => ({
  loadId: null,
  snapshots: [],
  report: null,
  name: null,
  error: null,
  field: null,
});

/** The settings field an `invalid_input` answer names in its details, if the form has it. */
function fieldOf(e: unknown): string | null {
  const details = (e as { details?: { field?: unknown } } | null)?.details;
  return formFieldOf(typeof details?.field === 'string' ? details.field : null);
}

const isNotFound = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'not_found';

/** Said when Cancel finds the engine no longer has the run (its end was missed: a reconnect). */
export const RUN_UNKNOWN = 'the run is no longer known to the engine';

export const isLoadRunning = (run: LoadRunState | null): boolean =>
  run !== null && run.report === null && run.error === null;

export const createLoadSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], LoadSlice> =>
  (set, get) => {
    const { client } = deps;
    const patch = (loadId: string, change: (r: LoadRunState) => Partial<LoadRunState>): void =>
      set((s) =>
        s.loadRun?.loadId === loadId ? { loadRun: { ...s.loadRun, ...change(s.loadRun) } } : s,
      );
    const onProgress = (p: LoadProgressEvent): void => {
      if (p.type === 'progress')
        patch(p.loadId, (r) => ({ snapshots: withSnapshot(r.snapshots, p.snapshot) }));
      else if (p.type === 'failed') patch(p.loadId, () => ({ error: p.message }));
      else {
        patch(p.loadId, () => ({ report: p.report, name: p.name ?? null }));
        void get().refreshLoadReports();
      }
    };
    // The followed run's listener, stopped at its end, or when the engine no longer knows it.
    let following: FollowedEvents | null = null;
    return {
      loadTarget: null,
      openLoad: (loadTarget) => {
        // A run still going stays in view; a finished one gives way to the new request.
        set((s) => ({
          loadTarget,
          loadRun: isLoadRunning(s.loadRun) ? s.loadRun : null,
          loadReports: [],
          loadReportsError: null,
          loadComparison: null,
        }));
        if (loadTarget?.path) void get().refreshLoadReports();
      },
      loadRun: null,
      startLoad: async (settings, dataFile) => {
        const target = get().loadTarget;
        if (!target || isLoadRunning(get().loadRun)) return;
        set({ loadRun: fresh() });
        // Events of this run may come before load.start answers its id: kept until then.
        const events = followOwnEvents(client, {
          topic: 'load.progress',
          idOf: (p) => p.loadId,
          apply: onProgress,
          isLast: (p) => p.type !== 'progress',
        });
        following = events;
        try {
          const { loadId } = await client.invoke('load.start', {
            ...(target.path !== null ? { path: target.path } : {}),
            ...(target.request ? { request: target.request } : {}),
            ...(dataFile !== undefined ? { dataFile } : {}),
            ...(target.unsavedEdits ? { saveReport: false } : {}),
            settings,
          });
          set((s) => ({ loadRun: s.loadRun && { ...s.loadRun, loadId } }));
          events.own(loadId);
        } catch (e) {
          events.stop();
          set({ loadRun: { ...fresh(), error: errorMessage(e), field: fieldOf(e) } });
        }
      },
      cancelLoad: async () => {
        const loadId = get().loadRun?.loadId;
        if (!loadId) return;
        try {
          await client.invoke('load.cancel', { loadId });
        } catch (e) {
          // Otherwise already over: its end is on its way. not_found: it ended and its end was
          // missed (a reconnect replays call events only): nothing more will come.
          if (!isNotFound(e)) return;
          following?.stop();
          patch(loadId, (r) => (isLoadRunning(r) ? { error: RUN_UNKNOWN } : {}));
        }
      },
      loadReports: [],
      loadReportsError: null,
      refreshLoadReports: async () => {
        const path = get().loadTarget?.path;
        if (!path) return;
        try {
          const { reports } = await client.invoke('load.reports', { path });
          if (get().loadTarget?.path === path)
            set({ loadReports: reports, loadReportsError: null });
        } catch (e) {
          set({ loadReportsError: errorMessage(e) });
        }
      },
      loadComparison: null,
      compareLoadReports: async (a, b) => {
        const path = get().loadTarget?.path;
        if (!path) return;
        try {
          const [ra, rb] = await Promise.all([
            client.invoke('load.report', { path, name: a }),
            client.invoke('load.report', { path, name: b }),
          ]);
          set({ loadComparison: { a: { name: a, report: ra }, b: { name: b, report: rb } } });
        } catch (e) {
          set({ loadReportsError: errorMessage(e), loadComparison: null });
        }
      },
    };
  };
