// gwb's engine: the same engine the desktop app and the web host run, created in this process with
// host kind 'cli'. Commands go through the router (validated once, errors as contract data); call
// events come from an observer gwb attaches to every call, each as it happens (the UI's batched
// `call.events` would only delay printing).
import { mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallEvent } from '../../shared/calls/events.js';
import { CommandError, isErrorCode } from '../../shared/contract/errors.js';
import type {
  CommandName,
  EventPayload,
  EventTopic,
  Input,
  Output,
} from '../../shared/contract/index.js';
import type { CallObserverFactory } from '../../main/engine/call-observer.js';
import { createEngine } from '../../main/engine/index.js';
import { createRouter } from '../../main/router/index.js';
import type { VouchedInput } from '../../main/router/router.js';
import type { ReplyEnvelope } from '../../shared/wire/envelope.js';

export interface CliEngine {
  /** Runs a contract command; a refusal is thrown as a CommandError with the contract's code. */
  run<N extends CommandName>(name: N, input: Input<N>): Promise<Output<N>>;
  /**
   * As run, for input gwb holds already in the contract's checked form: ids the engine gave, and
   * documents and connections that passed shared/request/plain-check.ts. It is not checked again
   * (that would load zod, ~8% of a call's start-up); anything else goes through run.
   */
  runParsed<N extends CommandName>(name: N, input: VouchedInput<N>): Promise<Output<N>>;
  /**
   * Every event of a call, in order, from the first (events that came before this was called are
   * delivered at once). Returns a function that stops the delivery.
   */
  watchCall(callId: string, onEvents: (events: readonly CallEvent[]) => void): () => void;
  /** Each change of a channel's state (`channel.state` events); returns a function that stops. */
  watchChannels(listener: (change: EventPayload<'channel.state'>) => void): () => void;
  /** Each `runner.progress` event (gwb run prints requests as they finish); returns a stop. */
  watchRuns(listener: (progress: EventPayload<'runner.progress'>) => void): () => void;
  /** Each `load.progress` event (gwb load runs through load.start); returns a stop. */
  watchLoads(listener: (progress: EventPayload<'load.progress'>) => void): () => void;
  /** How many events are kept for calls nobody watches yet (bounded; for tests). */
  unwatchedEventCount(): number;
  close(): Promise<void>;
}

export interface CliEngineOptions {
  /**
   * The engine's data folder (workspace secrets, history). Absent: a temporary folder, removed on
   * close — a grpcurl-style call keeps nothing.
   */
  dataDir?: string;
  /** Keep finished calls in the workspace history (saved-request runs do, grpcurl calls do not). */
  history?: boolean;
  /** Attached to every call as it starts, beside the engine's own (gwb's -record file). */
  observers?: CallObserverFactory[];
  /**
   * false: nobody will watchCall (gwb run prints from the runner's progress): no observer keeps
   * the events of the last calls for a watcher that never comes. Default true.
   */
  watchesCalls?: boolean;
}

/** The end of a call's log, in memory only: history reads its status from it; no spill file. */
const CLI_CALL_LOG = { maxEvents: 64, maxBytes: 1 << 20, spill: false };

/**
 * Events of calls nobody watches yet: a call's first events may come before call.start answers
 * (or before the runner's `call-started` progress reaches gwb run's watcher), so they wait for
 * the watcher, who comes within a few turns. Calls nobody ever watches (every call of `gwb run`)
 * must not grow the host: only the latest few unwatched calls wait, each with a bounded log.
 */
const MAX_UNWATCHED_CALLS = 16;
const MAX_UNWATCHED_EVENTS = 1_000;

interface PendingEvents {
  events: CallEvent[];
  listener?: (events: readonly CallEvent[]) => void;
  /** Over MAX_UNWATCHED_EVENTS with no watcher: none is coming, nothing more is kept. */
  dropped?: boolean;
}

/**
 * Temporary data folders of engines not closed yet. A run that leaves without closing its engine
 * (run.ts's exitNow: a second Ctrl-C, or a wind-down that took too long) goes through
 * process.exit, whose 'exit' handlers run: they are removed there, synchronously, as a last resort.
 */
const unclosedFolders = new Set<string>();

function removeUnclosedFolders(): void {
  for (const folder of unclosedFolders) removeTemporaryFolder(folder);
}

/** A new temporary data folder, removed at process exit if its engine is never closed. */
function temporaryDataFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'gwb-engine-'));
  if (unclosedFolders.size === 0) process.once('exit', removeUnclosedFolders);
  unclosedFolders.add(folder);
  return folder;
}

export function openCliEngine(opts: CliEngineOptions = {}): CliEngine {
  const temporary = opts.dataDir === undefined ? temporaryDataFolder() : undefined;
  const calls = new Map<string, PendingEvents>();
  /** The calls of `calls` with no listener, oldest first. */
  const unwatched = new Set<string>();
  const waitFor = (callId: string): PendingEvents => {
    const entry: PendingEvents = { events: [] };
    calls.set(callId, entry);
    unwatched.add(callId);
    if (unwatched.size > MAX_UNWATCHED_CALLS) {
      const [oldest] = unwatched;
      unwatched.delete(oldest as string);
      calls.delete(oldest as string);
    }
    return entry;
  };
  const channelListeners = new Set<(change: EventPayload<'channel.state'>) => void>();
  const runListeners = new Set<(progress: EventPayload<'runner.progress'>) => void>();
  const loadListeners = new Set<(progress: EventPayload<'load.progress'>) => void>();
  const printEvents: CallObserverFactory = ({ callId }) => ({
    onEvent(event) {
      const entry = calls.get(callId) ?? waitFor(callId);
      if (entry.listener) entry.listener([event]);
      else if (entry.dropped) return;
      else if (entry.events.length < MAX_UNWATCHED_EVENTS) entry.events.push(event);
      else {
        entry.events.length = 0;
        entry.dropped = true;
      }
    },
  });
  const engine = createEngine({
    dataDir: opts.dataDir ?? (temporary as string),
    host: { kind: 'cli' },
    history: opts.history ?? false,
    // gwb reads call events from its own observer and drops call.events emits: no UI batcher.
    publishCallEvents: false,
    observers: [...(opts.watchesCalls === false ? [] : [printEvents]), ...(opts.observers ?? [])],
    // gwb prints each event as it comes (printEvents) and keeps nothing it has printed: an
    // endless Tail stays flat. The few last events are for history's status and duration.
    callLog: CLI_CALL_LOG,
    // Call events reach gwb through its observer; of the rest, channel states and the runner's
    // progress matter here.
    emit: <T extends EventTopic>(topic: T, payload: EventPayload<T>) => {
      if (topic === 'runner.progress')
        for (const listener of runListeners) listener(payload as EventPayload<'runner.progress'>);
      if (topic === 'load.progress')
        for (const listener of loadListeners) listener(payload as EventPayload<'load.progress'>);
      if (topic !== 'channel.state') return;
      for (const listener of channelListeners) listener(payload as EventPayload<'channel.state'>);
    },
  });
  const router = createRouter(engine.handlers);

  return {
    run: async (name, input) => outputOf(name, await router.invoke(name, input)),
    runParsed: async (name, input) => outputOf(name, await router.invokeParsed(name, input)),
    watchCall(callId, onEvents) {
      if (opts.watchesCalls === false)
        throw new Error('this engine was opened for no call to be watched (watchesCalls: false)');
      const entry = calls.get(callId) ?? waitFor(callId);
      unwatched.delete(callId);
      const waiting = entry.events.splice(0);
      entry.listener = onEvents;
      if (waiting.length > 0) onEvents(waiting);
      return () => calls.delete(callId);
    },
    watchChannels(listener) {
      channelListeners.add(listener);
      return () => channelListeners.delete(listener);
    },
    watchRuns(listener) {
      runListeners.add(listener);
      return () => runListeners.delete(listener);
    },
    watchLoads(listener) {
      loadListeners.add(listener);
      return () => loadListeners.delete(listener);
    },
    unwatchedEventCount() {
      let count = 0;
      for (const callId of unwatched) count += calls.get(callId)?.events.length ?? 0;
      return count;
    },
    async close() {
      await engine.close();
      if (!temporary) return;
      removeTemporaryFolder(temporary);
      unclosedFolders.delete(temporary);
      if (unclosedFolders.size === 0) process.off('exit', removeUnclosedFolders);
    },
  };
}

/**
 * Removes the engine's temporary data folder. A grpcurl-style call leaves it empty, and an empty
 * folder goes with one rmdir; Node's recursive removal (its internal/fs/rimraf, compiled on first
 * use: ~8 M instructions of a ~810 M call by callgrind) only for a folder something wrote into.
 */
function removeTemporaryFolder(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A command's output, or its refusal thrown as a CommandError with the contract's code. */
function outputOf<N extends CommandName>(name: N, reply: ReplyEnvelope): Output<N> {
  if (reply.t === 'result') return reply.output as Output<N>;
  if (reply.t === 'error') {
    const code = isErrorCode(reply.code) ? reply.code : 'internal';
    throw new CommandError(code, reply.message, reply.details);
  }
  throw new CommandError('internal', `${name}: unexpected reply`);
}

/** Runs `body` with an engine and closes it after, whatever happens. */
export async function withCliEngine<T>(
  opts: CliEngineOptions,
  body: (engine: CliEngine) => Promise<T>,
): Promise<T> {
  const engine = openCliEngine(opts);
  try {
    return await body(engine);
  } finally {
    await engine.close();
  }
}
