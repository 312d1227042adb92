// Call sessions by id. Each session's event log is kept (for `call.events` catch-up after a
// reconnect) and streamed out through the batcher, never one emit per gRPC message.

import { randomUUID } from 'node:crypto';
import { startCall, type CallSession } from '../calls/index.js';
import { createMessageCodec, decodeStatusDetails } from '../codec/index.js';
import { validateMetadata } from '../metadata/index.js';
import type { ChannelPool } from '../channels/index.js';
import type { MethodInfo, SchemaModel } from '../../shared/schema/model.js';
import type { CallEvent } from '../../shared/calls/events.js';
import { CommandError, type Output, type ParsedInput } from '../../shared/contract/index.js';
import type { EventBatcher } from './batcher.js';
import type { SchemaStore } from './schemas.js';
import { toChannelConfig } from './connection.js';

const OK = { ok: true as const };

export interface CallRegistry {
  start(input: ParsedInput<'call.start'>): Output<'call.start'>;
  send(input: ParsedInput<'call.send'>): Output<'call.send'>;
  halfClose(callId: string): Output<'call.halfClose'>;
  cancel(callId: string): Output<'call.cancel'>;
  events(input: ParsedInput<'call.events'>): Output<'call.events'>;
  release(callId: string): Output<'call.release'>;
  close(): void;
}

/** `/pkg.Svc/M`, `pkg.Svc/M` and `pkg.Svc.M` all name the same method. */
export function findMethod(model: SchemaModel, method: string): MethodInfo {
  const wanted = method.startsWith('/') ? method : `/${method}`;
  for (const service of model.services) {
    for (const m of service.methods) if (m.path === wanted || m.fullName === method) return m;
  }
  throw new CommandError('not_found', `method ${method} is not in the schema`, { method });
}

/** `ended` is always the last event of a log. */
function hasEnded(session: CallSession): boolean {
  return session.events.at(-1)?.type === 'ended';
}

export function createCallRegistry(
  schemas: SchemaStore,
  pool: ChannelPool,
  batcher: EventBatcher,
  /** Ended calls whose logs stay readable; older ones are forgotten (a 1M-message log is ~300 MB). */
  keepEndedCalls = 100,
  /** Told once per call after its log has ended (history). */
  onEnded?: (
    callId: string,
    input: ParsedInput<'call.start'>,
    events: readonly CallEvent[],
  ) => void,
): CallRegistry {
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

  return {
    start(input) {
      const schema = schemas.get(input.schemaId);
      const method = findMethod(schema.model, input.method);
      const requestCodec = createMessageCodec(schema.registry, method.inputType);
      const responseCodec = createMessageCodec(schema.registry, method.outputType);
      validateMetadata(input.metadata);
      const config = toChannelConfig(input.connection);
      const lease = pool.lease(config);
      const callId = `call-${randomUUID()}`;
      const single = method.kind === 'unary' || method.kind === 'server_stream';
      let session: CallSession;
      try {
        session = startCall({
          client: lease.client,
          path: method.path,
          kind: method.kind,
          target: config.target,
          requestCodec,
          responseCodec,
          metadata: input.metadata,
          keepRaw: input.keepRaw,
          ...(single ? { request: input.request ?? {} } : {}),
          ...(input.deadlineMs !== undefined ? { deadlineMs: input.deadlineMs } : {}),
          decodeStatusDetails: (bin) => decodeStatusDetails(schema.registry, bin).details,
          onEvent: (event) => {
            batcher.push(callId, event);
            if (event.type === 'ended') {
              lease.release();
              // Deferred: a call that fails at once ends inside startCall, before it is registered.
              queueMicrotask(() => {
                rememberEnded(callId);
                onEnded?.(callId, input, session.events);
              });
              // The final status should not wait for the next batching tick.
              batcher.flush(callId);
            }
          },
        });
      } catch (error) {
        lease.release();
        // startCall throws before logging anything; nothing of this call may go out.
        batcher.drop(callId);
        throw error;
      }
      calls.set(callId, session);
      return { callId };
    },
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
      const start = Math.min(input.sinceSeq, log.length);
      const end = Math.min(start + input.limit, log.length);
      return {
        callId: input.callId,
        events: log.slice(start, end),
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
    close() {
      for (const session of calls.values()) if (!hasEnded(session)) session.cancel();
      calls.clear();
    },
  };
}
