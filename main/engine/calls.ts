// Call sessions by id: the engine's one call path. `start` takes a request document, has its
// variables substituted by the workspace, checks it (call-plan.ts), attaches the observers (UI
// batcher, recorder, history, the host's own) and starts the session. Each call's event log
// (call-log.ts: a bounded window in memory, older events spilled to a file) answers `call.events`
// catch-up after a reconnect.

import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createSecretMask,
  startCall,
  type CallOptions,
  type CallSession,
  type SecretMask,
} from '../calls/index.js';
import { decodeStatusDetails } from '../codec/index.js';
import type { ChannelPool } from '../channels/index.js';
import type { CallEvent } from '../../shared/calls/events.js';
import { CommandError } from '../../shared/contract/errors.js';
import type { Output, ParsedInput } from '../../shared/contract/index.js';
import { CallLog, DEFAULT_CALL_LOG_LIMITS, type CallLogLimits } from './call-log.js';
import type { CallObserver, CallObserverFactory, CallStart } from './call-observer.js';
import { planCall, type CallPlan } from './call-plan.js';
import { refuseUnknownVariables, type PrepareCall, type PreparedCall } from './prepare-call.js';
import type { FolderSettingsReader } from './workspace-folders.js';
import type { SchemaStore } from './schemas.js';
import type { LoadedSchema } from '../schema/index.js';
import type { CaptureScope } from '../checks/capture-scope.js';
import { hasChecks, loadChecks, loadedChecks } from '../checks/load.js';

const OK = { ok: true as const };
/** Events an ended call keeps in memory (the rest stays readable from its spill file). */
const ENDED_CALL_WINDOW = 1_000;

export interface CallStartOptions {
  /**
   * The captured values this call's `{{variables}}` see over the environment (a run's own, main/
   * runner); absent: the engine's default scope, whose calls the checks observer evaluates.
   */
  captures?: CaptureScope;
  /** The folders' settings the call inherits auth from (a run's, as of its start); absent: now. */
  folders?: FolderSettingsReader;
}

/**
 * A call made ready by `prepare`, the first half of `start`: its variables substituted (secrets
 * too), its checks loaded, everything checked and planned; nothing sent, nobody told yet.
 */
export interface ReadyCall {
  readonly input: ParsedInput<'call.start'>;
  readonly options: CallStartOptions;
  readonly schema: LoadedSchema;
  readonly prepared: PreparedCall;
  readonly mask: SecretMask | undefined;
  readonly plan: CallPlan;
}

export interface CallRegistry {
  /** `begin(await prepare(input, options))`: the one way a call starts. */
  start(
    input: ParsedInput<'call.start'>,
    options?: CallStartOptions,
  ): Promise<Output<'call.start'>>;
  /**
   * The first half of `start`, for a caller that makes its next call ready while the one before
   * is in flight (the runner, when that call captures nothing the next one could use).
   */
  prepare(input: ParsedInput<'call.start'>, options?: CallStartOptions): Promise<ReadyCall>;
  /** The second half of `start`: the observers attached and the call begun, at once. */
  begin(ready: ReadyCall): Output<'call.start'>;
  send(input: ParsedInput<'call.send'>): Output<'call.send'> | Promise<Output<'call.send'>>;
  halfClose(callId: string): Output<'call.halfClose'>;
  cancel(callId: string): Output<'call.cancel'>;
  events(input: ParsedInput<'call.events'>): Output<'call.events'>;
  release(callId: string): Output<'call.release'>;
  /** Cancels every running call with this reason as its status message; returns how many. */
  cancelAll(reason: string): number;
  close(): void;
}

export interface CallRegistryDeps {
  schemas: SchemaStore;
  pool: ChannelPool;
  /** Substitutes the request's variables (the workspace engine's prepareCall). */
  prepareCall: PrepareCall;
  /** Asked, in this order, whether to watch each call as it starts. */
  observers: readonly CallObserverFactory[];
  /** Ended calls whose logs stay readable; older ones are forgotten (their spill files too). */
  keepEndedCalls?: number;
  /** How much of each call's log stays in memory (default DEFAULT_CALL_LOG_LIMITS). */
  logLimits?: CallLogLimits;
  /**
   * A folder of this registry's own (removed on close) where older events spill so `call.events`
   * pages through all of them; absent: they are dropped once out of the window (gwb's engine).
   */
  spillDir?: string;
}

interface LiveCall {
  session: CallSession;
  log: CallLog;
}

/** `ended` is always the last event of a log. */
function hasEnded(call: LiveCall): boolean {
  return call.log.last()?.type === 'ended';
}

/** One observer's failure must not keep the others (or the call) from going on. */
function warnOf(what: string, callId: string, error: unknown): void {
  process.emitWarning(`call ${callId}: an observer's ${what} threw: ${(error as Error).message}`);
}

/** Builds each factory's observer; if one throws, the ones built are told the call never started. */
function attach(factories: readonly CallObserverFactory[], start: CallStart): CallObserver[] {
  const observers: CallObserver[] = [];
  try {
    for (const factory of factories) {
      const observer = factory(start);
      if (observer) observers.push(observer);
    }
  } catch (error) {
    abandon(observers, start.callId);
    throw error;
  }
  return observers;
}

function abandon(observers: readonly CallObserver[], callId: string): void {
  for (const o of observers) {
    try {
      o.onAbandoned?.();
    } catch (error) {
      warnOf('onAbandoned', callId, error);
    }
  }
}

/**
 * What each observer factory is told about a call. Built field by field, not from conditional
 * spreads: a run starts hundreds of calls and each spread makes and copies a throwaway object.
 */
function callStartOf(callId: string, ready: ReadyCall, notes: string[]): CallStart {
  const { input, options, schema, prepared, mask, plan } = ready;
  const start: CallStart = {
    callId,
    method: plan.method,
    template: input.request,
    secrets: prepared.secrets,
    capturedSecrets: new Map(),
    keepRaw: input.keepRaw,
    schema,
    target: mask ? mask.text(plan.config.target) : plan.config.target,
    metadata: mask ? mask.metadata(plan.metadata) : plan.metadata,
    note: (text) => notes.push(text),
  };
  if (input.requestPath !== undefined) start.requestPath = input.requestPath;
  if (prepared.environment !== undefined) start.environment = prepared.environment;
  if (plan.deadlineMs !== undefined) start.deadlineMs = plan.deadlineMs;
  if (input.record !== undefined) start.record = input.record;
  if (options.captures) start.captures = options.captures;
  return start;
}

/** The session's options from the plan (same field-by-field reason as callStartOf). */
function sessionOptionsOf(
  ready: ReadyCall,
  client: CallOptions['client'],
  onEvent: NonNullable<CallOptions['onEvent']>,
): CallOptions {
  const { input, schema, mask, plan } = ready;
  const { config } = plan;
  const options: CallOptions = {
    client,
    path: plan.method.path,
    kind: plan.method.kind,
    target: config.target,
    requestCodec: plan.requestCodec,
    responseCodec: plan.responseCodec,
    metadata: plan.metadata,
    messages: plan.messages,
    halfClose: input.halfClose,
    keepRaw: input.keepRaw,
    // The registry keeps the log itself (bounded); the session keeps none.
    keepLog: false,
    decodeStatusDetails: (bin) => decodeStatusDetails(schema.registry, bin).details,
    onEvent,
  };
  if (plan.transport) options.transport = plan.transport;
  if (config.proxy) options.proxy = config.proxy.address;
  if (config.compression) options.compression = config.compression;
  if (plan.deadlineMs !== undefined) options.deadlineMs = plan.deadlineMs;
  if (mask) options.mask = mask;
  return options;
}

export function createCallRegistry(deps: CallRegistryDeps): CallRegistry {
  const keepEndedCalls = deps.keepEndedCalls ?? 100;
  const logLimits = deps.logLimits ?? DEFAULT_CALL_LOG_LIMITS;
  const { spillDir } = deps;
  if (spillDir !== undefined) mkdirSync(spillDir, { recursive: true, mode: 0o700 });
  const calls = new Map<string, LiveCall>();
  /** Ended calls, oldest first (a Set: the oldest leaves in O(1), a release leaves at once). */
  const endedOrder = new Set<string>();

  function forget(callId: string): void {
    calls.get(callId)?.log.dispose();
    calls.delete(callId);
    endedOrder.delete(callId);
  }

  function rememberEnded(callId: string): void {
    endedOrder.add(callId);
    for (const oldest of endedOrder) {
      if (endedOrder.size <= keepEndedCalls) break;
      forget(oldest);
    }
  }

  function entry(callId: string): LiveCall {
    const found = calls.get(callId);
    if (!found) throw new CommandError('not_found', `no call with id ${callId}`, { callId });
    return found;
  }

  async function prepare(
    input: ParsedInput<'call.start'>,
    options: CallStartOptions = {},
  ): Promise<ReadyCall> {
    const schema = deps.schemas.get(input.schemaId);
    const prepared = await deps.prepareCall({
      request: input.request,
      ...(options.captures ? { captured: options.captures } : {}),
      ...(options.folders ? { folders: options.folders } : {}),
      ...(input.environment !== undefined ? { environment: input.environment } : {}),
      ...(input.requestPath !== undefined ? { requestPath: input.requestPath } : {}),
    });
    refuseUnknownVariables(prepared);
    // CEL loads now, while the call starts, so its checks are judged the moment it ends
    // (checks-observer.ts): captured values are in place before anyone hears the end. Loaded
    // already (every call of a run after its first): no await, no turn of the queue.
    if (hasChecks(input.request) && !loadedChecks()) await loadChecks();
    // Secret values go on the wire only: what the call logs, emits or throws has them masked.
    const mask = createSecretMask(prepared.secrets);
    const plan = planCall(schema, prepared.request, prepared.baseDir, mask);
    return { input, options, schema, prepared, mask, plan };
  }

  function begin(ready: ReadyCall): Output<'call.start'> {
    const { mask, plan } = ready;
    const callId = `call-${randomUUID()}`;
    const lease = deps.pool.lease(plan.config);
    const notes: string[] = [];
    let observers: CallObserver[];
    try {
      observers = attach(deps.observers, callStartOf(callId, ready, notes));
    } catch (error) {
      lease.release();
      throw error;
    }
    const log = new CallLog(
      logLimits,
      spillDir !== undefined ? join(spillDir, `${callId}.jsonl`) : undefined,
      (error) =>
        process.emitWarning(
          `call ${callId}: its log cannot spill (${error.message}); older events are dropped`,
        ),
    );
    let session: CallSession | undefined;
    const onEnded = (): void => {
      lease.release();
      // Deferred: a call that fails at once ends inside startCall, before it is registered.
      queueMicrotask(() => {
        rememberEnded(callId);
        // What is still in memory: the first events and the window (history caps it anyway).
        const retained = log.retained();
        for (const o of observers) {
          try {
            o.onEnded?.(retained);
          } catch (error) {
            warnOf('onEnded', callId, error);
          }
        }
        log.trim(ENDED_CALL_WINDOW);
      });
    };
    try {
      session = startCall(
        sessionOptionsOf(ready, lease.client, (event: CallEvent, raw?: Uint8Array) => {
          // The log failing must not keep the call from ending or its observers from hearing it.
          try {
            log.append(event);
          } catch (error) {
            process.emitWarning(`call ${callId}: its log threw: ${(error as Error).message}`);
          }
          // First, so the call counts as ended (rememberEnded) before an observer tells anyone.
          if (event.type === 'ended') onEnded();
          for (const o of observers) {
            try {
              o.onEvent?.(event, raw);
            } catch (error) {
              warnOf('onEvent', callId, error);
            }
          }
        }),
      );
    } catch (error) {
      // startCall throws before logging anything (a message that does not fit): nothing went out.
      lease.release();
      log.dispose();
      abandon(observers, callId);
      throw mask ? mask.error(error) : error;
    }
    calls.set(callId, { session, log });
    return { callId, ...(notes.length > 0 ? { notes } : {}) };
  }

  return {
    async start(input, options) {
      return begin(await prepare(input, options));
    },
    prepare,
    begin,
    send(input) {
      const { session } = entry(input.callId);
      session.send(input.message);
      // A sender faster than the wire gets its answer once the queue has room: memory stays flat.
      return session.writable ? OK : session.whenWritable().then(() => OK);
    },
    halfClose(callId) {
      entry(callId).session.halfClose();
      return OK;
    },
    cancel(callId) {
      entry(callId).session.cancel();
      return OK;
    },
    events(input) {
      const call = entry(input.callId);
      const ended = hasEnded(call);
      // Read from the spill file for seqs that have left the window, from memory after.
      const page = call.log.read(input.sinceSeq, input.limit);
      return {
        callId: input.callId,
        events: page.events,
        nextSeq: page.nextSeq,
        more: page.more,
        done: ended && !page.more,
      };
    },
    release(callId) {
      const call = entry(callId);
      if (!hasEnded(call)) call.session.cancel();
      forget(callId);
      return OK;
    },
    cancelAll(reason) {
      let cancelled = 0;
      for (const call of calls.values()) {
        if (hasEnded(call)) continue;
        call.session.cancel(reason);
        cancelled++;
      }
      return cancelled;
    },
    close() {
      for (const call of calls.values()) if (!hasEnded(call)) call.session.cancel();
      for (const callId of [...calls.keys()]) forget(callId);
      if (spillDir !== undefined) rmSync(spillDir, { recursive: true, force: true });
    },
  };
}
