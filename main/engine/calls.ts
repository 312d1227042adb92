// Call sessions by id. Each session's event log is kept (for `call.events` catch-up after a
// reconnect) and streamed out through the batcher, never one emit per gRPC message.

import { randomUUID } from 'node:crypto';
import { startCall, type CallSession } from '../calls/index.js';
import { createMessageCodec, decodeStatusDetails } from '../codec/index.js';
import { validateMetadata } from '../metadata/index.js';
import type { ChannelPool } from '../channels/index.js';
import type { MethodInfo, SchemaModel } from '../../shared/schema/model.js';
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

interface Entry {
  session: CallSession;
  ended: boolean;
}

export function createCallRegistry(
  schemas: SchemaStore,
  pool: ChannelPool,
  batcher: EventBatcher,
  /** Ended calls whose logs stay readable; older ones are forgotten (a 1M-message log is ~300 MB). */
  keepEndedCalls = 100,
): CallRegistry {
  const calls = new Map<string, Entry>();
  const endedOrder: string[] = [];

  function rememberEnded(callId: string): void {
    endedOrder.push(callId);
    while (endedOrder.length > keepEndedCalls) calls.delete(endedOrder.shift()!);
  }

  function entry(callId: string): Entry {
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
      const record: Entry = { session: undefined as unknown as CallSession, ended: false };
      try {
        record.session = startCall({
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
              record.ended = true;
              lease.release();
              // Deferred: a call that fails at once ends inside startCall, before it is registered.
              queueMicrotask(() => rememberEnded(callId));
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
      calls.set(callId, record);
      return { callId };
    },
    send(input) {
      entry(input.callId).session.send(input.message);
      return OK;
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
      const { session, ended } = entry(input.callId);
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
      const e = entry(callId);
      if (!e.ended) e.session.cancel();
      calls.delete(callId);
      return OK;
    },
    close() {
      for (const e of calls.values()) if (!e.ended) e.session.cancel();
      calls.clear();
    },
  };
}
