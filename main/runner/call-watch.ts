// The runner's calls go through the engine's one call path (`call.start`: variables substituted,
// observers attached, history kept), in its two halves: prepare (made ready, nothing sent) and
// begin. The runner hears each call's events through an observer of its own, attached to every
// call and picking out its own as the call being begun, with the document object it handed to
// prepare (the registry gives observers the caller's document as `template`), so no event is
// missed between begin and its answer. A call that keeps a snapshot is also recorded to a
// scratch file.
import type { FolderSettingsReader } from '../engine/workspace-folders.js';
import type { CallEvent } from '../../shared/calls/events.js';
import type { RequestDocument } from '../../shared/request/document.js';
import type { CallObserver, CallObserverFactory, CallStart } from '../engine/call-observer.js';
import type { CallRegistry, ReadyCall } from '../engine/calls.js';
import { createCallRecorder, type CallRecorder } from '../recording/index.js';
import { currentRegistry } from '../schema/current-registry.js';
import type { CaptureScope } from '../checks/capture-scope.js';
import { MAX_KEPT_MESSAGES } from '../checks/kept-events.js';

// The same cap as the checks observer's (kept-events.ts): one policy for what a call keeps.
export { MAX_KEPT_MESSAGES } from '../checks/kept-events.js';

export interface WatchedCall {
  callId: string;
  /** The call's events in order; received messages past MAX_KEPT_MESSAGES are left out. */
  events: CallEvent[];
  /** Messages received in all. */
  received: number;
  /** The scratch recording, flushed and closed (snapshots only). */
  recording?: string;
}

export interface CallWatch {
  /** Attached to every call by the engine; watches only the runner's. */
  observer: CallObserverFactory;
  /**
   * Makes a call ready (calls.prepare: variables substituted with the run's captured values,
   * checked, planned) with a document object of its own, by which its events are told apart.
   */
  prepare(
    calls: CallRegistry,
    start: Omit<Parameters<CallRegistry['start']>[0], 'request'> & { request: RequestDocument },
    captures: CaptureScope,
    /** The run's folder settings, read as it started (run-folders.ts). */
    folders: FolderSettingsReader,
  ): Promise<ReadyCall>;
  /**
   * Begins the call made ready and resolves once it has ended; `onCallId` hears its id as soon as
   * it is known (so a cancel can reach it). A call already made ready begins at once, before
   * run returns, and one that cannot begin then throws (the pipeline's launch, its one caller,
   * makes that the request's outcome, as it does any failure before a call begins).
   */
  run(
    calls: CallRegistry,
    ready: ReadyCall | Promise<ReadyCall>,
    opts: { recordTo?: string; onCallId?: (callId: string) => void },
  ): Promise<WatchedCall>;
}

interface Pending {
  events: CallEvent[];
  received: number;
  recordTo?: string;
  recorder?: CallRecorder;
  ended: () => void;
}

function recorderFor(start: CallStart, file: string): CallRecorder {
  return createCallRecorder({
    path: file,
    registry: currentRegistry(start.schema),
    method: start.method.path,
    target: start.target,
    metadata: [...start.metadata],
    ...(start.deadlineMs !== undefined ? { deadlineMs: start.deadlineMs } : {}),
  });
}

export function createCallWatch(): CallWatch {
  /**
   * The call being begun, while calls.begin runs: the registry builds each call's observers
   * within begin, before it returns (calls.ts), so the one begun is told apart from any other —
   * another run's call of the same saved document (shared and frozen: frozen-json.ts), a UI call
   * — by being begun now, and by its document, the object handed to prepare. No copy of the
   * document is needed to tell runs apart, and the document stays the one the workspace keeps.
   */
  let beginning: { request: RequestDocument; watch: Pending } | undefined;

  const observer: CallObserverFactory = (start) => {
    if (beginning?.request !== start.template) return undefined;
    const { watch } = beginning;
    if (watch.recordTo !== undefined) watch.recorder = recorderFor(start, watch.recordTo);
    const own: CallObserver = {
      onEvent(event, raw) {
        if (event.type === 'received' && ++watch.received > MAX_KEPT_MESSAGES) {
          watch.recorder?.onEvent(event, raw);
          return;
        }
        watch.events.push(event);
        watch.recorder?.onEvent(event, raw);
        if (event.type === 'ended') watch.ended();
      },
      onAbandoned() {
        void watch.recorder?.close().catch(() => undefined);
      },
    };
    return own;
  };

  const prepare: CallWatch['prepare'] = (calls, input, captures, folders) =>
    // The run's own captured values: its `{{variables}}` see them over the environment's (the
    // data row, then what earlier requests captured), never the UI's or another run's.
    calls.prepare(input, { captures, folders });

  /**
   * A call made ready, begun now. Plain promise steps rather than an async function: a run begins
   * hundreds of calls, and each async frame and hop is main-thread work between two calls.
   */
  function begin(
    calls: CallRegistry,
    ready: ReadyCall,
    opts: Parameters<CallWatch['run']>[2],
  ): Promise<WatchedCall> {
    let ended = (): void => {};
    const done = new Promise<void>((resolve) => (ended = resolve));
    const watch: Pending = {
      events: [],
      received: 0,
      ended: () => ended(),
      ...(opts.recordTo !== undefined ? { recordTo: opts.recordTo } : {}),
    };
    let callId: string;
    beginning = { request: ready.input.request, watch };
    try {
      ({ callId } = calls.begin(ready));
    } finally {
      beginning = undefined;
    }
    opts.onCallId?.(callId);
    return done.then(() => {
      // Released once the end is heard: the registry's own end-of-call work (queued before the
      // observers hear it) has run by then.
      try {
        calls.release(callId);
      } catch {
        // Already forgotten by the registry (it keeps a bounded number of ended calls).
      }
      const watched: WatchedCall = {
        callId,
        events: watch.events,
        received: watch.received,
        ...(opts.recordTo !== undefined ? { recording: opts.recordTo } : {}),
      };
      // Only a snapshot's call has a recorder: the others go on without waiting a turn for none.
      return watch.recorder ? watch.recorder.close().then(() => watched) : watched;
    });
  }

  const run: CallWatch['run'] = (calls, call, opts) =>
    call instanceof Promise
      ? call.then((ready) => begin(calls, ready, opts))
      : begin(calls, call, opts);

  return { observer, prepare, run };
}
