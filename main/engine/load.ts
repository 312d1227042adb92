// Load runs in the workbench (issue 18 §2), on top of main/load (the runner behind `gwb load`):
// `load.start` checks the settings, resolves the request as a Send would (load-target.ts, the one
// way for gwb load too), answers a loadId and runs in the background; each interval's snapshot goes out as one `load.progress`
// event, then `finished` with the report (saved beside a saved request, load-reports.ts) or
// `failed`. `load.cancel` stops a run: its calls in flight are cancelled and still counted. The
// engine takes an emit callback, never a window.
import { randomUUID } from 'node:crypto';
import type * as hdr from 'hdr-histogram-js';
import { CommandError } from '../../shared/contract/errors.js';
import type {
  LoadProgressEvent,
  LoadSnapshot,
  LoadStartInput,
} from '../../shared/contract/load-commands.js';
import type { Emit, Handlers, ParsedInput } from '../../shared/contract/types.js';
import type { LoadTarget } from '../load/load-types.js';
import { runLoad } from '../load/run-load.js';
import { createSecretMask } from '../calls/secret-mask.js';
import { mapJsonStrings } from '../../shared/json/map-strings.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { loadSettingsOf } from './load-settings.js';
import { prepareLoadTarget, type LoadTargetDeps } from './load-target.js';
import {
  histogramBuckets,
  listLoadReports,
  readLoadReport,
  reportFileOf,
  saveLoadReport,
  snapshotOf,
} from './load-reports.js';

export interface LoadEngineDeps extends LoadTargetDeps {
  emit: Emit;
  /** How often a snapshot goes out (default 1 s). */
  progressIntervalMs?: number;
}

type LoadHandlers = Pick<Handlers, 'load.start' | 'load.cancel' | 'load.reports' | 'load.report'>;

export interface LoadEngine {
  handlers: LoadHandlers;
  /** Stops every run and waits for them to end. */
  close(): Promise<void>;
}

interface Running {
  abort: AbortController;
  done: Promise<void>;
}

/**
 * What a run tells and saves, with each secret value filled into its target masked: the report's
 * target, request and the servers' status samples (an error may echo a token) go to every client
 * and into load-reports/, which is committed with the workspace.
 */
function maskerOf(secrets: ReadonlyMap<string, string>) {
  const mask = createSecretMask(secrets);
  return {
    text: (value: string): string => (mask ? mask.text(value) : value),
    // Strings only: a report's figures stay numbers whatever a secret's value.
    json: <T>(value: T): T => (mask ? (mapJsonStrings(value as JsonValue, mask.text) as T) : value),
  };
}

function workspaceOf(deps: LoadEngineDeps): string {
  const dir = deps.workspaceDir();
  if (dir === undefined) throw new CommandError('invalid_input', 'no workspace is open');
  return dir;
}

export function createLoadEngine(deps: LoadEngineDeps): LoadEngine {
  const runs = new Map<string, Running>();
  const tell = (event: LoadProgressEvent): void => deps.emit('load.progress', event);

  async function run(
    loadId: string,
    input: LoadStartInput,
    target: LoadTarget,
    masker: ReturnType<typeof maskerOf>,
    reportsIn: string | undefined,
    abort: AbortController,
  ): Promise<LoadProgressEvent> {
    const settings = loadSettingsOf(input.settings);
    const timeline: LoadSnapshot[] = [];
    let histogram: hdr.Histogram | undefined;
    const report = await runLoad(target, {
      ...settings,
      signal: abort.signal,
      ...(deps.progressIntervalMs !== undefined ? { intervalMs: deps.progressIntervalMs } : {}),
      onProgress: (progress) => {
        // Figures only: nothing in a snapshot can hold a secret.
        const snapshot = snapshotOf(progress);
        timeline.push(snapshot);
        tell({ type: 'progress', loadId, snapshot });
      },
      onHistogram: (h) => (histogram = h),
    });
    const file = masker.json(
      reportFileOf(
        input.path,
        input.settings,
        report,
        histogram ? histogramBuckets(histogram) : [],
        timeline,
      ),
    );
    const name =
      input.path === undefined || reportsIn === undefined
        ? undefined
        : saveLoadReport(reportsIn, input.path, file);
    return { type: 'finished', loadId, report: file, ...(name !== undefined ? { name } : {}) };
  }

  const handlers: LoadHandlers = {
    'load.start': async (input: ParsedInput<'load.start'>) => {
      // Mistakes in the settings, the data file or the request (an unknown variable, a protocol
      // a load run does not speak) answer load.start itself, beside their field.
      loadSettingsOf(input.settings);
      const { target, secrets } = await prepareLoadTarget(deps, input);
      const masker = maskerOf(secrets);
      // The workspace the run starts in keeps its report, whichever is open when it ends. A
      // request given only as a document (an unsaved tab) has nowhere to keep its report.
      const reportsIn =
        input.path !== undefined && input.saveReport ? workspaceOf(deps) : undefined;
      const loadId = randomUUID();
      const abort = new AbortController();
      // Forgotten before its end is told: a cancel after `finished` is answered not_found.
      const done = run(loadId, input, target, masker, reportsIn, abort).then(
        (finished) => {
          runs.delete(loadId);
          tell(finished);
        },
        (error: unknown) => {
          runs.delete(loadId);
          tell({ type: 'failed', loadId, message: masker.text((error as Error).message) });
        },
      );
      runs.set(loadId, { abort, done });
      return { loadId };
    },
    'load.cancel': ({ loadId }) => {
      const running = runs.get(loadId);
      if (!running) throw new CommandError('not_found', `no load run ${loadId} is running`);
      running.abort.abort();
      return { ok: true as const };
    },
    'load.reports': ({ path }) => ({ reports: listLoadReports(workspaceOf(deps), path) }),
    'load.report': ({ path, name }) => readLoadReport(workspaceOf(deps), path, name),
  };

  return {
    handlers,
    async close() {
      const all = [...runs.values()];
      for (const r of all) r.abort.abort();
      await Promise.all(all.map((r) => r.done));
    },
  };
}
