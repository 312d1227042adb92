// Call sessions by id: the engine's one call path. `start` takes a request document, has its
// variables substituted by the workspace, checks it (call-plan.ts), attaches the observers (UI
// batcher, recorder, history, the host's own) and starts the session. Each session's event log
// is kept for `call.events` catch-up after a reconnect.

import { randomUUID } from 'node:crypto';
import { startCall, type CallSession } from '../calls/index.js';
import { decodeStatusDetails } from '../codec/index.js';
import type { ChannelPool } from '../channels/index.js';
import type { CallEvent } from '../../shared/calls/events.js';
import { CommandError, type Output, type ParsedInput } from '../../shared/contract/index.js';
import type { CallObserver, CallObserverFactory, CallStart } from './call-observer.js';
import { planCall } from './call-plan.js';
import { refuseUnknownVariables, type PrepareCall } from './prepare-call.js';
import type { SchemaStore } from './schemas.js';

const OK = { ok: true as const };

export interface CallRegistry {
  start(input: ParsedInput<'call.start'>): Promise<Output<'call.start'>>;
  send(input: ParsedInput<'call.send'>): Output<'call.send'>;
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
  /** Ended calls whose logs stay readable; older ones are forgotten (a 1M-message log is ~300 MB). */
  keepEndedCalls?: number;
}

/** `ended` is always the last event of a log. */
function hasEnded(session: CallSession): boolean {
  return session.events.at(-1)?.type === 'ended';
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

export function createCallRegistry(deps: CallRegistryDeps): CallRegistry {
  const keepEndedCalls = deps.keepEndedCalls ?? 100;
  const calls = new Map<string, CallSession>();
  const endedOrder: string[] = [];

  function rememberEnded(callId: string): void {
    endedOrder.push(callId);
    while (endedOrder.length > keepEndedCalls) calls.delete(endedOrder.shift()!);
  }

  function entry(callId: string): CallSession {
    const found = calls.get(callId);
    if (!found) throw new CommandError('not_found', `no call with id ${callId}`, { callId });
    return found;
  }

  async function start(input: ParsedInput<'call.start'>): Promise<Output<'call.start'>> {
    const schema = deps.schemas.get(input.schemaId);
    const prepared = await deps.prepareCall({
      request: input.request,
      ...(input.environment !== undefined ? { environment: input.environment } : {}),
    });
    refuseUnknownVariables(prepared);
    const plan = planCall(schema, prepared.request, prepared.baseDir);
    const callId = `call-${randomUUID()}`;
    const lease = deps.pool.lease(plan.config);
    let observers: CallObserver[];
    try {
      observers = attach(deps.observers, {
        callId,
        method: plan.method,
        template: input.request,
        ...(input.requestPath !== undefined ? { requestPath: input.requestPath } : {}),
        ...(prepared.environment !== undefined ? { environment: prepared.environment } : {}),
        secrets: prepared.secrets,
        keepRaw: input.keepRaw,
        schema,
        target: plan.config.target,
        metadata: plan.metadata,
        ...(plan.deadlineMs !== undefined ? { deadlineMs: plan.deadlineMs } : {}),
        ...(input.record !== undefined ? { record: input.record } : {}),
      });
    } catch (error) {
      lease.release();
      throw error;
    }
    let session: CallSession | undefined;
    const onEnded = (): void => {
      lease.release();
      // Deferred: a call that fails at once ends inside startCall, before it is registered.
      queueMicrotask(() => {
        rememberEnded(callId);
        const log = session?.events ?? [];
        for (const o of observers) {
          try {
            o.onEnded?.(log);
          } catch (error) {
            warnOf('onEnded', callId, error);
          }
        }
      });
    };
    try {
      session = startCall({
        client: lease.client,
        path: plan.method.path,
        kind: plan.method.kind,
        target: plan.config.target,
        requestCodec: plan.requestCodec,
        responseCodec: plan.responseCodec,
        metadata: plan.metadata,
        messages: plan.messages,
        halfClose: input.halfClose,
        keepRaw: input.keepRaw,
        ...(plan.deadlineMs !== undefined ? { deadlineMs: plan.deadlineMs } : {}),
        decodeStatusDetails: (bin) => decodeStatusDetails(schema.registry, bin).details,
        onEvent: (event: CallEvent, raw?: Uint8Array) => {
          // First, so the call counts as ended (rememberEnded) before an observer tells anyone.
          if (event.type === 'ended') onEnded();
          for (const o of observers) {
            try {
              o.onEvent?.(event, raw);
            } catch (error) {
              warnOf('onEvent', callId, error);
            }
          }
        },
      });
    } catch (error) {
      // startCall throws before logging anything (a message that does not fit): nothing went out.
      lease.release();
      abandon(observers, callId);
      throw error;
    }
    calls.set(callId, session);
    return { callId };
  }

  return {
    start,
    send(input) {
      entry(input.callId).send(input.message);
      return OK;
    },
    halfClose(callId) {
      entry(callId).halfClose();
      return OK;
    },
    cancel(callId) {
      entry(callId).cancel();
      return OK;
    },
    events(input) {
      const session = entry(input.callId);
      const ended = hasEnded(session);
      const log = session.events;
      // seq equals the index in the log, so a slice is the catch-up.
      const from = Math.min(input.sinceSeq, log.length);
      const end = Math.min(from + input.limit, log.length);
      return {
        callId: input.callId,
        events: log.slice(from, end),
        nextSeq: end,
        more: end < log.length,
        done: ended && end === log.length,
      };
    },
    release(callId) {
      const session = entry(callId);
      if (!hasEnded(session)) session.cancel();
      calls.delete(callId);
      return OK;
    },
    cancelAll(reason) {
      let cancelled = 0;
      for (const session of calls.values()) {
        if (hasEnded(session)) continue;
        session.cancel(reason);
        cancelled++;
      }
      return cancelled;
    },
    close() {
      for (const session of calls.values()) if (!hasEnded(session)) session.cancel();
      calls.clear();
    },
  };
}
