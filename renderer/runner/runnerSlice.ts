// The collection runner in the UI (issue 15 §4): what the runner dialog is set to run, the run in
// progress as `runner.progress` tells it, and its results. The engine runs it (main/runner); this
// only starts, follows and cancels it, and opens a request of the run in a tab with its response.
import type { StateCreator } from 'zustand';
import type {
  RequestResult,
  RunnerProgress,
  RunResult,
} from '../../shared/contract/runner-commands.js';
import { errorMessage } from '../api/client.js';
import { followOwnEvents } from '../api/followOwnEvents.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';
import { replaceTab } from '../store/tab.js';
import type { TreeNode } from '../../shared/workspace/tree.js';
import { dependencyPaths } from './dependencies.js';

export interface RunSettings {
  environment: string | null;
  iterations: number;
  filter: string;
  bail: boolean;
  /** A CSV or JSON data file the engine reads (relative: from the workspace folder); '' none. */
  dataFile: string;
}

export interface RunnerTarget {
  /** The collection, folder or request the run starts from. */
  path: string;
  /** Run with dependencies: the request they are for. */
  dependenciesOf?: string;
  /** Exactly these requests of `path` run, in this order (the request and its dependencies). */
  paths?: string[];
}

export interface RunState {
  runId: string | null;
  /** The request paths of one iteration, in run order (from the engine's `started`). */
  paths: string[];
  iterations: number;
  iteration: number;
  current: string | null;
  results: RequestResult[];
  final: RunResult | null;
  error: string | null;
  /** The run's data file, if it has one. */
  dataFile: string | null;
  /** How many rows the data file has (one iteration each), once the run started. */
  dataRows: number | null;
  /** Why the data file cannot be read as rows (file:line), shown at its field. */
  dataFileError: string | null;
}

export interface RunnerSlice {
  runnerTarget: RunnerTarget | null;
  openRunner: (target: RunnerTarget | null) => void;
  /** Opens the runner on a request and the earlier ones of its folder it needs. */
  openRunnerWithDependencies: (requestPath: string) => Promise<void>;
  run: RunState | null;
  startRun: (settings: RunSettings) => Promise<void>;
  cancelRun: () => Promise<void>;
  /** tabId → the run result its response pane shows (opened from the runner). */
  runResultsByTab: Record<string, RequestResult>;
  openRunResult: (result: RequestResult) => Promise<void>;
}

/** Which requests of the target run: the dependency list, else the filter typed, else all. */
export function choiceFor(
  settings: RunSettings,
  target: RunnerTarget,
): { paths: string[] } | { filter: string } | Record<string, never> {
  if (target.paths) return { paths: target.paths };
  const filter = settings.filter.trim();
  return filter === '' ? {} : { filter };
}

const idle = (): RunState => ({
  runId: null,
  paths: [],
  iterations: 1,
  iteration: 0,
  current: null,
  results: [],
  final: null,
  error: null,
  dataFile: null,
  dataRows: null,
  dataFileError: null,
});

/**
 * Whether runner.start's error is the data file's: parseDataFile's start with `file:line:`, the
 * engine's own with `dataFile …`.
 */
export const isDataFileError = (message: string, dataFile: string): boolean =>
  message.startsWith(`${dataFile}:`) || message.startsWith(`dataFile `);

export const createRunnerSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], RunnerSlice> =>
  (set, get) => {
    const { client } = deps;
    // Only the run in view with this id changes: another run's events (an earlier one, another
    // window's) are not this one's.
    const patchRun = (runId: string, patch: (r: RunState) => Partial<RunState>): void =>
      set((s) => (s.run?.runId === runId ? { run: { ...s.run, ...patch(s.run) } } : s));
    const finish = (final: RunResult): void =>
      patchRun(final.runId, () => ({ final, results: final.results, current: null }));
    const onProgress = (p: RunnerProgress): void => {
      switch (p.type) {
        case 'started':
          return patchRun(p.runId, (r) => ({
            paths: p.paths,
            iterations: p.iterations,
            // Without iterations asked for, a data-file run has one per row.
            dataRows: r.dataFile === null ? null : p.iterations,
          }));
        case 'iteration':
          return patchRun(p.runId, () => ({ iteration: p.iteration }));
        case 'request-started':
          return patchRun(p.runId, () => ({ current: p.path, iteration: p.iteration }));
        case 'request-finished':
          return patchRun(p.runId, (r) => ({ results: [...r.results, p.result], current: null }));
        case 'finished':
          return finish(p.result);
      }
    };
    return {
      runnerTarget: null,
      // A new target starts from its settings; a run still going stays shown.
      openRunner: (runnerTarget) =>
        set((s) => ({
          runnerTarget,
          run: runnerTarget && s.run && (s.run.final || s.run.error) ? null : s.run,
        })),
      openRunnerWithDependencies: async (requestPath) => {
        const folder = requestPath.split('/').slice(0, -1).join('/');
        const all = requestsUnder(get().collectionTree, folder);
        const index = all.indexOf(requestPath);
        try {
          const siblings = await Promise.all(
            all.slice(0, index + 1).map(async (path) => ({
              path,
              doc: (await client.invoke('request.read', { path })).request,
            })),
          );
          const paths = dependencyPaths(siblings, index);
          get().openRunner(
            paths.length === 1
              ? { path: requestPath, dependenciesOf: requestPath, paths }
              : { path: folder, dependenciesOf: requestPath, paths },
          );
        } catch (e) {
          set({ collectionsError: errorMessage(e) });
        }
      },
      run: null,
      startRun: async (settings) => {
        const target = get().runnerTarget;
        if (!target || (get().run && !get().run?.final && !get().run?.error)) return;
        const dataFile = settings.dataFile.trim();
        set({ run: { ...idle(), dataFile: dataFile === '' ? null : dataFile } });
        const base = {
          environment: settings.environment,
          bail: settings.bail,
          // A data file decides the iterations: one per row.
          ...(dataFile === '' ? { iterations: settings.iterations } : { dataFile }),
          snapshots: 'off' as const,
          snapshotIgnore: [],
          callFlags: [],
        };
        const choice = choiceFor(settings, target);
        // Listened to for this run only, from before runner.start (its first events can come
        // before its answer) until its final result is in.
        const events = followOwnEvents(client, {
          topic: 'runner.progress',
          idOf: (p) => p.runId,
          apply: onProgress,
          isLast: (p) => p.type === 'finished',
        });
        try {
          const { runId } = await client.invoke('runner.start', {
            ...base,
            target: target.path,
            ...choice,
          });
          set((s) => ({ run: s.run && { ...s.run, runId } }));
          events.own(runId);
          // The final result also when its event was missed (the page reconnected meanwhile).
          finish(await client.invoke('runner.wait', { runId }));
        } catch (e) {
          const error = errorMessage(e);
          const dataFileError = dataFile !== '' && isDataFileError(error, dataFile) ? error : null;
          set((s) => ({ run: { ...(s.run ?? idle()), error, dataFileError, current: null } }));
        } finally {
          events.stop();
        }
      },
      cancelRun: async () => {
        const runId = get().run?.runId;
        if (!runId) return;
        try {
          await client.invoke('runner.cancel', { runId });
        } catch (e) {
          set((s) => ({ run: s.run && { ...s.run, error: errorMessage(e) } }));
        }
      },
      runResultsByTab: {},
      openRunResult: async (result) => {
        await get().openSaved(result.path);
        const tab = get().tabs.find((t) => t.savedPath === result.path);
        if (!tab) return;
        const lastResponse = {
          code: result.status?.code ?? 2,
          codeName: result.status?.codeName ?? 'UNKNOWN',
          message: result.status?.message ?? result.error ?? '',
          durationMs: result.durationMs,
          received: result.received,
          endedAt: Date.now(),
        };
        set((s) => ({
          tabs: replaceTab(s.tabs, tab.id, (t) => ({ ...t, callId: null, lastResponse })),
          runResultsByTab: { ...s.runResultsByTab, [tab.id]: result },
          runnerTarget: null,
        }));
      },
    };
  };

/** The request paths directly in the folder at `folder`, in tree order. */
function requestsUnder(nodes: readonly TreeNode[], folder: string): string[] {
  for (const n of nodes) {
    if (n.kind === 'request') continue;
    if (n.path === folder) return n.children.filter((c) => c.kind === 'request').map((c) => c.path);
    if (folder.startsWith(`${n.path}/`)) return requestsUnder(n.children, folder);
  }
  return [];
}
