// The collection runner: the saved requests of a collection, folder or one request, in order,
// each through the engine's one call path, judged by their assertions (or their status), their
// captured values flowing to the requests after them, optionally compared with snapshots; as many
// iterations as asked or one per data row. Progress goes out as `runner.progress` events; the
// final result answers `runner.wait`. `gwb run` and the UI's runner panel use this one runner.
// execute() is the loop, in order; how the next request is made ready and begun while the current
// one is judged and reported is pipeline.ts.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { CallEvent } from '../../shared/calls/events.js';
import { createSecretMask } from '../calls/secret-mask.js';
import { deepFreeze, madeOnce } from '../../shared/json/frozen-json.js';
import { CommandError, WorkbenchError } from '../../shared/contract/errors.js';
import type { Emit, Handlers } from '../../shared/contract/index.js';
import type {
  RequestResult,
  RunnerProgress,
  RunResult,
  RunSummary,
} from '../../shared/contract/runner-commands.js';
import {
  applyGrpcurlFlags,
  GrpcurlError,
  parseGrpcurlArgs,
  type GrpcurlFlags,
} from '../../shared/grpcurl/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import type { SavedRequest } from '../../shared/workspace/saved-request.js';
import type { CallObserverFactory } from '../engine/call-observer.js';
import type { CallRegistry } from '../engine/calls.js';
import { createCallWatch } from './call-watch.js';
import {
  CancelledBeforeSent,
  createPipeline,
  type Iteration,
  type Launch,
  type Run,
  type RunnerInput,
} from './pipeline.js';
import { maskedResult, requestResult, statusOf, type Judged } from './request-result.js';
import { pickRequests } from './run-plan.js';
import { settleSnapshot, snapshotFileOf } from './snapshots.js';
import { createRunChecks } from './run-checks.js';
import { readDataFile, type DataRow } from './data-file.js';
import { folderSettingsAtStart } from './run-folders.js';
import type { FolderSettingsReader } from '../engine/workspace-folders.js';

type RunnerHandlers = Pick<Handlers, 'runner.start' | 'runner.wait' | 'runner.cancel'>;

export interface RunnerDeps {
  emit: Emit;
  /** The engine's own commands: schemas, folder settings. */
  commands: () => Pick<Handlers, 'schema.load' | 'folder.readSettings'>;
  /**
   * The open workspace's folder and the request paths of a target in tree order (undefined: no
   * such item), from folder listings alone: a run reads each request when it reaches it, so it
   * lists no request file (no stat, no parse) as the workbench's tree does.
   */
  requestPaths: (target: string) => { dir: string; paths: string[] | undefined };
  /**
   * A saved request as `request.read` reads it, shared with the other readers of its unchanged
   * file (not copied): the run only looks at it (what it sends is made anew by the substitution).
   */
  readRequest: (requestPath: string) => Promise<Readonly<SavedRequest>>;
  calls: () => CallRegistry;
  /** Scratch recordings of snapshot runs go in a folder made here, removed after the run. */
  scratchDir: string;
  /** Resolves once the history entries of the calls so far are on disk. */
  flushHistory?: () => Promise<void>;
}

export interface Runner {
  /** Attached to every call by the engine; it watches the runner's own calls only. */
  observer: CallObserverFactory;
  handlers: RunnerHandlers;
  /** Cancels every run; resolves once they have ended. */
  close(): Promise<void>;
}

/** Finished runs whose result `runner.wait` still answers. */
const KEEP_FINISHED = 20;

interface Plan {
  paths: string[];
  workspaceDir: string;
  iterations: number;
  flags: GrpcurlFlags | undefined;
  /** The data rows (given, or read from the data file); empty: none. */
  rows: DataRow[];
  /** The folders' settings, read as the run starts and kept for it (run-folders.ts). */
  folders: FolderSettingsReader;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The call flags laid over each saved request; undefined when none are given. */
function callFlagsOf(words: readonly string[]): GrpcurlFlags | undefined {
  try {
    const parsed = parseGrpcurlArgs(words);
    if (parsed.given.length === 0 && parsed.positional.length === 0) return undefined;
    if (parsed.positional.length > 0)
      throw new CommandError(
        'invalid_input',
        `callFlags: only flags are laid over saved requests, not "${parsed.positional.join(' ')}"`,
      );
    return parsed.flags;
  } catch (error) {
    if (error instanceof GrpcurlError)
      throw new CommandError('invalid_input', `callFlags: ${error.message}`);
    throw error;
  }
}

/** The run's counts, in one pass over its results (no list of every assertion made). */
function summarize(results: readonly RequestResult[], durationMs: number): RunSummary {
  let passed = 0;
  let assertions = 0;
  let failedAssertions = 0;
  let snapshotsNew = 0;
  let snapshotsFailed = 0;
  for (const r of results) {
    if (r.passed) passed++;
    assertions += r.assertions.length;
    for (const a of r.assertions) if (!a.passed) failedAssertions++;
    if (r.snapshot?.state === 'new') snapshotsNew++;
    else if (r.snapshot?.state === 'failed') snapshotsFailed++;
  }
  return {
    requests: results.length,
    passed,
    failed: results.length - passed,
    assertions,
    assertionsPassed: assertions - failedAssertions,
    assertionsFailed: failedAssertions,
    snapshotsNew,
    snapshotsFailed,
    durationMs,
  };
}

export function createRunner(deps: RunnerDeps): Runner {
  const watch = createCallWatch();
  const runs = new Map<string, Run>();
  const finished: string[] = [];
  const progress = (event: RunnerProgress): void => deps.emit('runner.progress', event);

  async function planOf(input: RunnerInput): Promise<Plan> {
    const flags = callFlagsOf(input.callFlags);
    const tree = deps.requestPaths(input.target.replace(/\/+$/, ''));
    const all = tree.paths;
    if (!all)
      throw new CommandError('not_found', `no collection, folder or request ${input.target}`);
    if (all.length === 0)
      throw new CommandError('not_found', `${input.target} has no saved requests`);
    let paths: string[];
    try {
      paths = pickRequests(input.target, all, input);
    } catch (error) {
      throw new CommandError('not_found', messageOf(error));
    }
    const rows =
      input.dataFile !== undefined ? readDataFile(input.dataFile, tree.dir) : (input.data ?? []);
    if (input.data !== undefined && rows.length === 0)
      throw new CommandError('invalid_input', 'data: the data has no rows');
    const folders = await folderSettingsAtStart(
      async (folderPath) =>
        (await deps.commands()['folder.readSettings']({ path: folderPath })).settings,
      paths,
    );
    return {
      paths,
      workspaceDir: tree.dir,
      iterations: input.iterations ?? Math.max(rows.length, 1),
      flags,
      rows,
      folders,
    };
  }

  /**
   * Each saved request read once per run (when the run reaches it), the call flags laid over it.
   * Kept for the iterations after the first; a run of one iteration reads each once anyway and
   * keeps none: a document kept to the run's end outlives the young generation and costs the
   * garbage collector a copy (promotion) per request. A plan names each path once (a tree holds
   * each request once, and pickRequests refuses a path listed twice), so one iteration reads
   * each request once with no cache.
   */
  function documentReader(
    flags: GrpcurlFlags | undefined,
    iterations: number,
  ): (requestPath: string) => Promise<RequestDocument> {
    const cache = iterations > 1 ? new Map<string, Promise<RequestDocument>>() : undefined;
    const read = (requestPath: string): Promise<RequestDocument> =>
      deps.readRequest(requestPath).then((saved) => {
        // request.read has just checked the document: without flags there is nothing to
        // lay over it, and nothing to check again.
        const stored = documentOf(saved);
        return flags ? applyGrpcurlFlags(stored, flags) : stored;
      });
    return (requestPath) => {
      if (!cache) return read(requestPath);
      let doc = cache.get(requestPath);
      if (!doc) cache.set(requestPath, (doc = read(requestPath)));
      return doc;
    };
  }

  /**
   * A launched request's result. `ended`: told as soon as its call has ended and its checks are
   * taken, before they are judged (the run begins its next call then).
   */
  async function finish(
    run: Run,
    plan: Plan,
    it: Iteration,
    launched: Launch,
    ended: () => void,
  ): Promise<RequestResult> {
    const { input } = run;
    const requestPath = launched.path;
    let events: CallEvent[] = [];
    let received = 0;
    let judged: Judged = { assertions: [] };
    let captured: string[] = [];
    /** The secrets known when this call ended, its own captures included (see below). */
    let secrets: ReadonlyMap<string, string> | undefined;
    /** Time spent letting the next call go out first: not this request's. */
    let waited = 0;
    try {
      const { made, call, snapshots, secretCapture } = await launched.outcome;
      const { doc } = made;
      events = call.events;
      received = call.received;
      const status = statusOf(events);
      const judge = it.checks.take(doc, events);
      // Taken before the next call begins (ended): what that one captures is not this one's.
      secrets = it.checks.scope.secrets();
      ended();
      // Judged on the turn after: the next call (begun by ended()) goes out first. Its frames are
      // written when this turn's promises are done, before its immediates (HTTP/2 writes are
      // native immediates), so judging and reporting here held every next request back.
      waited = await turnAfter();
      const checked = judge();
      captured = checked.captured;
      judged = { assertions: checked.assertions, ...(status ? { status } : {}) };
      if (checked.error !== undefined) judged.error = checked.error;
      if (secretCapture && snapshots !== 'off')
        judged.snapshot = {
          state: 'skipped',
          file: snapshotFileOf(plan.workspaceDir, requestPath, it.iteration, plan.iterations)
            .relative,
          reason: 'it captures a secret, and a snapshot would write its value to a file',
        };
      if (call.recording !== undefined && !run.cancelled && snapshots !== 'off') {
        const target = snapshotFileOf(
          plan.workspaceDir,
          requestPath,
          it.iteration,
          plan.iterations,
        );
        judged.snapshot = await settleSnapshot(snapshots, call.recording, target, [
          ...input.snapshotIgnore,
          ...(doc.snapshot?.ignore ?? []),
        ]);
      }
    } catch (error) {
      if (error instanceof CancelledBeforeSent) judged = { ...judged, status: error.status };
      else
        judged = {
          ...judged,
          error: messageOf(error),
          ...(error instanceof WorkbenchError ? { errorCode: error.code } : {}),
        };
    }
    const durationMs = Math.round((performance.now() - launched.started - waited) * 10) / 10;
    const result = requestResult(
      { path: requestPath, iteration: it.iteration, durationMs, captured, received },
      judged,
      events,
    );
    // A secret captured from this very answer was not known when the call started, so its events
    // hold it: the result (responses, what assertions saw) is masked before anyone sees it.
    const mask = createSecretMask(secrets ?? it.checks.scope.secrets());
    return mask ? maskedResult(result, mask) : result;
  }

  async function execute(run: Run, plan: Plan): Promise<RunResult> {
    const { input } = run;
    const started = performance.now();
    const results: RequestResult[] = [];
    let bailed = false;
    let scratch: string | undefined;
    const scratchDir = (): string => (scratch ??= mkdtempSync(path.join(deps.scratchDir, 'run-')));
    progress({ type: 'started', runId: run.runId, paths: plan.paths, iterations: plan.iterations });
    const pipeline = createPipeline(
      { commands: deps.commands, calls: deps.calls, watch, progress, cancel },
      run,
      plan.paths,
      plan.iterations,
      documentReader(plan.flags, plan.iterations),
    );
    try {
      outer: for (let iteration = 1; iteration <= plan.iterations; iteration++) {
        if (run.cancelled) break;
        const rows = plan.rows;
        const row = rows.length > 0 ? rows[(iteration - 1) % rows.length] : undefined;
        progress({
          type: 'iteration',
          runId: run.runId,
          iteration,
          variables: Object.keys(row ?? {}),
        });
        const it: Iteration = {
          iteration,
          checks: createRunChecks(row ?? {}),
          scratch: scratchDir,
        };
        for (const [index, requestPath] of plan.paths.entries()) {
          const begun = pipeline.takeBegun(requestPath);
          // A call begun before the cancel came is cancelled with it, and reported; one made
          // ready ahead that had not begun never will (begin checks) and is not reported.
          if (run.cancelled && !begun?.hasBegun()) {
            await begun?.outcome.catch(() => undefined);
            break outer;
          }
          progress({ type: 'request-started', runId: run.runId, iteration, path: requestPath });
          begun?.announce();
          const current = begun ?? pipeline.launchAt(index, it, true);
          const result = await finish(run, plan, it, current, () => pipeline.beginNext(index, it));
          results.push(result);
          progress({ type: 'request-finished', runId: run.runId, result });
          if (input.bail && !result.passed && !run.cancelled) {
            bailed = true;
            break outer;
          }
        }
      }
    } finally {
      // A call begun and not reached (the run failed in between) ends before its scratch goes.
      await pipeline.settled();
      if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
    }
    // A run is done once its calls are in history on disk: written now, not after history's
    // batch window (what a crash could lose), as `gwb run` waits for it before it exits anyway.
    const durationMs = Math.round(performance.now() - started);
    await deps.flushHistory?.().catch(() => undefined);
    const result: RunResult = {
      runId: run.runId,
      target: input.target,
      iterations: plan.iterations,
      planned: plan.paths.length * plan.iterations,
      results,
      summary: summarize(results, durationMs),
      cancelled: run.cancelled,
      bailed,
    };
    progress({ type: 'finished', runId: run.runId, result });
    return result;
  }

  function remember(runId: string): void {
    finished.push(runId);
    while (finished.length > KEEP_FINISHED) runs.delete(finished.shift() as string);
  }

  const handlers: RunnerHandlers = {
    async 'runner.start'(input) {
      const plan = await planOf(input);
      const runId = `run-${randomUUID()}`;
      const run: Run = {
        runId,
        input,
        cancelled: false,
        stop: new AbortController(),
        folders: plan.folders,
        result: Promise.resolve(undefined as never),
      };
      // Started on the next turn, so the caller has the runId before the first progress event.
      run.result = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => execute(run, plan))
        .finally(() => remember(runId));
      runs.set(runId, run);
      return { runId };
    },
    'runner.wait'(input) {
      const run = runs.get(input.runId);
      if (!run) throw new CommandError('not_found', `no run with id ${input.runId}`);
      return run.result;
    },
    'runner.cancel'(input) {
      const run = runs.get(input.runId);
      if (!run) throw new CommandError('not_found', `no run with id ${input.runId}`);
      cancel(run);
      return { ok: true };
    },
  };

  function cancel(run: Run): void {
    run.cancelled = true;
    run.stop.abort();
    if (run.callId === undefined) return;
    try {
      deps.calls().cancel(run.callId);
    } catch {
      // It has just ended.
    }
  }

  return {
    observer: watch.observer,
    handlers,
    async close() {
      for (const run of runs.values()) cancel(run);
      await Promise.allSettled([...runs.values()].map((r) => r.result));
    },
  };
}

/** Resolves on the loop's next check phase (setImmediate); how many ms that took. */
function turnAfter(): Promise<number> {
  const from = performance.now();
  return new Promise((resolve) => setImmediate(() => resolve(performance.now() - from)));
}

/** The document of each kept saved request (frozen, shared while its file is unchanged). */
const documents = new WeakMap<object, RequestDocument>();

/**
 * The saved request without its file format's version; the rest is the kept request's, looked
 * at only. The same document for the same kept request, frozen like it (frozen-json.ts), so what
 * is worked out from a document can be kept with it run after run.
 */
function documentOf(saved: Readonly<SavedRequest>): RequestDocument {
  return madeOnce(documents, saved, withoutVersion, deepFreeze);
}

function withoutVersion(saved: Readonly<SavedRequest>): RequestDocument {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { version, ...stored } = saved;
  return stored;
}
