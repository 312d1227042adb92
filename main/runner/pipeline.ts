// The run's pipelining: while a request's call is in flight, the request after it is made ready
// (its document read, its schema loaded, and its call too when nothing before it can change it);
// as soon as that call ends, the next one begins, before the current one is judged and reported
// (runner.ts execute() reports them in order). Nothing is sent after the run is cancelled.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CallStatus } from '../../shared/calls/events.js';
import type { Handlers, ParsedInput } from '../../shared/contract/index.js';
import type { RunnerProgress, RunResult } from '../../shared/contract/runner-commands.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { schemaSourceKey, type SchemaSourceSpec } from '../../shared/request/schema-source.js';
import { CommandError } from '../../shared/contract/errors.js';
import { madeOnce } from '../../shared/json/frozen-json.js';
import type { CallRegistry, ReadyCall } from '../engine/calls.js';
import type { FolderSettingsReader } from '../engine/workspace-folders.js';
import type { CallWatch, WatchedCall } from './call-watch.js';
import type { RunChecks } from './run-checks.js';

export type RunnerInput = ParsedInput<'runner.start'>;

export interface Run {
  runId: string;
  input: RunnerInput;
  cancelled: boolean;
  /** Aborted with the run's cancel: a request still getting ready stops being waited for. */
  stop: AbortController;
  /** The call in flight, for cancel. */
  callId?: string;
  /** The folders' settings (inherited auth) as they were when the run started (run-folders.ts). */
  folders: FolderSettingsReader;
  result: Promise<RunResult>;
}

export interface Iteration {
  iteration: number;
  checks: RunChecks;
  /** The run's folder for scratch recordings, made when a first request needs one. */
  scratch: () => string;
}

/**
 * A request's call that the run's cancel stopped before it was sent: reported as CANCELLED, as a
 * call cancelled in flight is, with words that say nothing reached the server.
 */
export class CancelledBeforeSent extends Error {
  readonly status: CallStatus = {
    code: 1,
    codeName: 'CANCELLED',
    message: 'the run was cancelled before this call was sent',
    details: [],
  };
}

/** A request ready to call: its document (call flags laid over it) and its schema, loaded. */
interface Ready {
  doc: RequestDocument;
  schemaId: string;
  /** Its call made ready too (calls.prepare), when nothing before it could change it. */
  call?: ReadyCall;
}

/** A request being made ready; `now` once it is (its call can begin at once). */
interface GettingReady {
  path: string;
  ready: Promise<Ready>;
  now?: Ready;
}

/** A request's call, ended, and how it is compared with its snapshot. */
export interface Launched {
  made: Ready;
  call: WatchedCall;
  snapshots: RunnerInput['snapshots'];
  /** It captures a secret: it keeps no snapshot (nor a recording to make one). */
  secretCapture: boolean;
}

/** A request's call, begun (or failing to begin) and watched to its end. */
export interface Launch {
  path: string;
  /** When it started: its result's duration runs from here. */
  started: number;
  /** Its document and its call ended, or why it could not be made or begun. */
  outcome: Promise<Launched>;
  /**
   * Its call-started progress goes out once the run has announced the request (after the
   * result before it): a call begun early is told in order.
   */
  announce(): void;
  /** Its call has begun (been sent); once the run is cancelled, one that has not never will. */
  hasBegun(): boolean;
}

export interface PipelineDeps {
  /** The engine's own commands: saved requests are read through `read`, schemas loaded here. */
  commands: () => Pick<Handlers, 'schema.load'>;
  calls: () => CallRegistry;
  watch: CallWatch;
  progress: (event: RunnerProgress) => void;
  /** Cancels the run (and its call in flight). */
  cancel: (run: Run) => void;
}

/** One run's requests, launched in order (execute() is the loop over them). */
export interface Pipeline {
  /** The call begun ahead for this request (beginNext), taken; undefined when none was. */
  takeBegun(requestPath: string): Launch | undefined;
  /** Launches request `index`; `announced`: its request-started progress has gone out. */
  launchAt(index: number, it: Iteration, announced: boolean): Launch;
  /**
   * Told when request `index`'s call has ended: the next request's call begins at once, before
   * this one is judged and reported, when this one's result cannot stop it (the run does not
   * bail, nor was it cancelled) and it is in the same iteration. What this call captured is in
   * the iteration's scope already (the checks observer puts it there at the call's end), so
   * the next call is made with it. Its progress is told after this request's result, in order.
   */
  beginNext(index: number, it: Iteration): void;
  /** Resolves once a call begun and not taken (the run failed in between) has ended. */
  settled(): Promise<void>;
}

/**
 * How a request's call is compared with its snapshot: as the run asks (`--snapshots`,
 * `--update-snapshots`), and always for a request whose document asks for one (`snapshot`).
 */
function snapshotModeOf(
  asked: RunnerInput['snapshots'],
  doc: RequestDocument,
): RunnerInput['snapshots'] {
  if (asked !== 'off') return asked;
  return doc.snapshot !== undefined ? 'compare' : 'off';
}

/** Whether a request captures a secret (a loop: no array nor closure made for each call). */
function capturesSecret(doc: RequestDocument): boolean {
  for (const capture of doc.captures ?? []) if (capture.secret === true) return true;
  return false;
}

/** What a request's call starts with, the same whenever it is made ready. */
function startOf(run: Run, requestPath: string, { doc, schemaId }: Ready) {
  return {
    schemaId,
    request: doc,
    ...(run.input.environment !== undefined ? { environment: run.input.environment } : {}),
    requestPath,
    // A saved client or bidi stream sends its messages, then closes its side.
    halfClose: true,
    keepRaw: false,
    // Not into the recordings folder: a run's calls are in history; snapshots are their own.
    record: false,
  };
}

export function createPipeline(
  deps: PipelineDeps,
  run: Run,
  paths: readonly string[],
  iterations: number,
  /** Each saved request's document, read once per run (the call flags laid over it). */
  read: (requestPath: string) => Promise<RequestDocument>,
): Pipeline {
  const { watch, progress } = deps;
  /** The next request, made ready while the current call was in flight. */
  let ahead: GettingReady | undefined;
  /** The next request's call, begun as soon as the current one ended (beginNext). */
  let launched: Launch | undefined;

  /** The run's schemas of file sources (schemasOfRun). */
  const schemas = schemasOfRun();

  /** The request's schema loaded (or found loaded) by the engine, as a Send's is. */
  const loadSchema = async (requestPath: string, doc: RequestDocument): Promise<string> =>
    (
      await deps.commands()['schema.load']({
        ...(doc.schema ? { source: doc.schema } : {}),
        connection: doc.connection,
        reload: false,
        requestPath,
        ...(doc.auth ? { auth: doc.auth } : {}),
      })
    ).schemaId;

  /**
   * A request's document and schema, as its call will use them. Neither depends on what the
   * requests before it captured (a schema loads with the session's values, as a Send's does), so
   * the next request's is made while the current call is in flight.
   */
  // The steps between two calls (this file and call-watch.ts) are plain promise steps, not async
  // functions: a run makes hundreds of calls, and each async frame and hop is main-thread work.
  function readyOf(requestPath: string): Promise<Ready> {
    return read(requestPath).then((doc) =>
      (schemas.kept(doc) ?? schemas.keep(doc, loadSchema(requestPath, doc))).then(
        (schemaId): Ready => ({ doc, schemaId }),
      ),
    );
  }

  /**
   * The call made ready (calls.prepare). A schema the engine has let go of since it was loaded
   * (removed, or released after other loads) — one the run kept, or one loaded by reflection
   * while the call before was in flight — is loaded again, and the call made with it.
   */
  function prepared(it: Iteration, requestPath: string, made: Ready): Promise<ReadyCall> {
    const prepare = (ready: Ready): Promise<ReadyCall> =>
      watch.prepare(deps.calls(), startOf(run, requestPath, ready), it.checks.scope, run.folders);
    return prepare(made).catch((error: unknown) => {
      if (!schemaGone(error, made.schemaId)) throw error;
      schemas.forget(made.doc);
      return schemas
        .keep(made.doc, loadSchema(requestPath, made.doc))
        .then((schemaId) => prepare({ ...made, schemaId }));
    });
  }

  /** The request's call made ready now, with the iteration's captured values as they are. */
  function withCall(it: Iteration, requestPath: string, made: Ready): Promise<Ready> {
    // A spread, not field by field: a field added to Ready later must not be dropped here (the
    // copy by hand measured no gain: callgrind 3.04 M against 3.07 M instructions a request).
    return prepared(it, requestPath, made).then((call) => ({ ...made, call }));
  }

  /**
   * Begins a request's call once it is ready. `announced`: its request-started progress has gone
   * out; when not, call-started waits for announce(). `inFlight` is told once the call is in
   * flight: the next request gets ready meanwhile.
   */
  function launch(
    it: Iteration,
    getting: GettingReady,
    announced: boolean,
    inFlight: (doc: RequestDocument) => void,
  ): Launch {
    const requestPath = getting.path;
    let told = announced;
    let callId: string | undefined;
    const callStarted = (id: string): void =>
      progress({
        type: 'call-started',
        runId: run.runId,
        iteration: it.iteration,
        path: requestPath,
        callId: id,
      });
    const begin = (made: Ready): Promise<Launched> => {
      try {
        // A request that captures a secret keeps no snapshot: its answer holds the value, and a
        // snapshot is a file in the workspace (committed with it).
        const secretCapture = capturesSecret(made.doc);
        const snapshots = snapshotModeOf(run.input.snapshots, made.doc);
        const recordTo =
          snapshots !== 'off' && !secretCapture
            ? path.join(it.scratch(), `${randomUUID()}.ndjson`)
            : undefined;
        const go = (ready: ReadyCall): Promise<Launched> => {
          // Cancelled while it got ready: nothing is sent after Cancel (a call already begun is
          // cancelled with the run instead). The check and the begin run in one turn.
          if (run.cancelled) throw new CancelledBeforeSent();
          return watch
            .run(deps.calls(), ready, {
              ...(recordTo !== undefined ? { recordTo } : {}),
              onCallId: (id) => {
                run.callId = callId = id;
                if (told) callStarted(id);
                // Cancelled while the schema loaded or the call started: it stops at once.
                if (run.cancelled) deps.cancel(run);
                else inFlight(made.doc);
              },
            })
            .then((call) => {
              if (run.callId === call.callId) delete run.callId;
              return { made, call, snapshots, secretCapture };
            });
        };
        // Made ready with its call: begun now, in this turn.
        return made.call ? go(made.call) : prepared(it, requestPath, made).then(go);
      } catch (error) {
        // As from an async function: what fails before the call begins is the outcome's.
        return Promise.reject(error);
      }
    };
    const started = performance.now();
    // Made ready already: its call begins now, before launch returns.
    const outcome = getting.now
      ? begin(getting.now)
      : unlessCancelled(getting.ready, run.stop.signal).then(begin);
    // Its failure is the request's, reported when the run reaches it (or never: a cancel).
    outcome.catch(() => undefined);
    return {
      path: requestPath,
      started,
      outcome,
      hasBegun: () => callId !== undefined,
      announce() {
        if (told) return;
        told = true;
        if (callId !== undefined) callStarted(callId);
      },
    };
  }

  /** Told once request `index`'s call is in flight: the request after it gets ready. */
  const getNextReady =
    (index: number, it: Iteration) =>
    (doc: RequestDocument): void => {
      const sameIteration = index + 1 < paths.length;
      const next = sameIteration
        ? paths[index + 1]
        : it.iteration < iterations
          ? paths[0]
          : undefined;
      if (next === undefined) return;
      // Its call too when what this call captures cannot change it: none, and the same
      // iteration (the next one starts from its own data row).
      const callToo = sameIteration && (doc.captures?.length ?? 0) === 0;
      const getting: GettingReady = {
        path: next,
        // On the next turn: the call's first frames go out before this work starts.
        ready: new Promise<Ready>((resolve, reject) =>
          setImmediate(() => {
            try {
              const made = readyOf(next);
              (callToo ? made.then((m) => withCall(it, next, m)) : made).then((m) => {
                getting.now = m;
                resolve(m);
              }, reject);
            } catch (error) {
              reject(error);
            }
          }),
        ),
      };
      // Its failure is the next request's, reported when it runs (or never: a bail).
      getting.ready.catch(() => undefined);
      ahead = getting;
    };

  const launchAt = (index: number, it: Iteration, announced: boolean): Launch => {
    const requestPath = paths[index] as string;
    const getting =
      ahead?.path === requestPath ? ahead : { path: requestPath, ready: readyOf(requestPath) };
    ahead = undefined;
    return launch(it, getting, announced, getNextReady(index, it));
  };

  return {
    takeBegun(requestPath) {
      const begun = launched?.path === requestPath ? launched : undefined;
      launched = undefined;
      return begun;
    },
    launchAt,
    beginNext(index, it) {
      if (run.input.bail || run.cancelled || index + 1 >= paths.length) return;
      launched = launchAt(index + 1, it, false);
    },
    async settled() {
      await launched?.outcome.catch(() => undefined);
    },
  };
}

/**
 * `ready`, or CancelledBeforeSent as soon as the run is cancelled: a schema load waiting for a
 * server that never answers (reflection) must not hold the cancelled run, and its reports, until
 * the connect timeout.
 */
function unlessCancelled<T>(ready: Promise<T>, stop: AbortSignal): Promise<T> {
  if (stop.aborted) return Promise.reject(new CancelledBeforeSent());
  return new Promise<T>((resolve, reject) => {
    const cancelled = (): void => reject(new CancelledBeforeSent());
    stop.addEventListener('abort', cancelled, { once: true });
    ready.then(resolve, reject).finally(() => stop.removeEventListener('abort', cancelled));
  });
}

/** The engine refused a call because the schema it names is no longer loaded. */
function schemaGone(error: unknown, schemaId: string): boolean {
  if (!(error instanceof CommandError) || error.code !== 'not_found') return false;
  const details = error.details as { schemaId?: unknown } | undefined;
  return details?.schemaId === schemaId;
}

/**
 * The schemas of a run's file sources (.proto files, descriptor sets), each loaded once per run:
 * the engine answers a load of an unchanged source from its cache anyway (schema-sources.ts), so
 * asking again for each of hundreds of requests only resolved the same paths and keys again. A
 * reflection source is loaded for every request, as before: its connection and headers may hold
 * variables. A failed load is not kept (the next request tries again, as it did).
 */
function schemasOfRun() {
  const bySource = new Map<string, Promise<string>>();
  const keyOf = (doc: RequestDocument): string | undefined =>
    doc.schema === undefined || doc.schema.kind === 'reflection'
      ? undefined
      : fileSourceKey(doc.schema);
  return {
    kept(doc: RequestDocument): Promise<string> | undefined {
      const key = keyOf(doc);
      return key === undefined ? undefined : bySource.get(key);
    },
    keep(doc: RequestDocument, loading: Promise<string>): Promise<string> {
      const key = keyOf(doc);
      if (key === undefined) return loading;
      bySource.set(key, loading);
      loading.catch(() => {
        if (bySource.get(key) === loading) bySource.delete(key);
      });
      return loading;
    },
    forget(doc: RequestDocument): void {
      const key = keyOf(doc);
      if (key !== undefined) bySource.delete(key);
    },
  };
}

type FileSource = Exclude<SchemaSourceSpec, { kind: 'reflection' }>;

/**
 * The keys of the file sources of saved requests, by the frozen source itself: a saved request's
 * is frozen while its file is unchanged (frozen-json.ts), so its key (its files as JSON text) is
 * worked out once, not for each of its calls. Another source's key is worked out every time.
 */
const sourceKeys = new WeakMap<object, string>();

const fileSourceKey = (source: FileSource): string => madeOnce(sourceKeys, source, keyOfSource);

const keyOfSource = (source: FileSource): string => schemaSourceKey(source, '');
