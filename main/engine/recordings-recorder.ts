// Recording live calls without touching the call registry: `start` decides whether a call is
// recorded and opens its file, and the batcher the registry pushes every event through is wrapped
// so each event of a recorded call also reaches its recorder. The registry assigns the call id
// inside start(), and a call logs its first events before start() returns, so the first unknown
// call id pushed while a recorder is pending belongs to that recorder.

import { unlinkSync } from 'node:fs';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Output, ParsedInput } from '../../shared/contract/index.js';
import { createCallRecorder, type CallRecorder } from '../recording/index.js';
import type { EventBatcher } from './batcher.js';
import { findMethod } from './calls.js';
import type { RecordingsStore } from './recordings-store.js';
import type { SchemaStore } from './schemas.js';

export interface CallRecording {
  /** The registry's batcher, to hand to createCallRegistry. */
  batcher: EventBatcher;
  /** call.start with recording: `inner` is the registry's start. */
  start(
    input: ParsedInput<'call.start'>,
    inner: (input: ParsedInput<'call.start'>) => Output<'call.start'>,
  ): Output<'call.start'>;
  /** The recording file of a call still being recorded. */
  fileOf(callId: string): string | undefined;
  /** Resolves once the files of ended calls are flushed and closed. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export function createCallRecording(
  store: RecordingsStore,
  schemas: SchemaStore,
  inner: EventBatcher,
): CallRecording {
  const active = new Map<string, CallRecorder>();
  const closing = new Set<Promise<void>>();
  let pending: CallRecorder | undefined;

  function finish(callId: string, recorder: CallRecorder): void {
    active.delete(callId);
    const done = recorder.close().catch(() => undefined);
    closing.add(done);
    void done.then(() => {
      closing.delete(done);
      const built = recorder.index();
      if (built) store.remember(recorder.path, built);
      else store.forget(recorder.path);
    });
  }

  const batcher: EventBatcher = {
    push(callId: string, event: CallEvent) {
      let recorder = active.get(callId);
      if (!recorder && pending) {
        recorder = pending;
        pending = undefined;
        active.set(callId, recorder);
      }
      if (recorder) {
        recorder.onEvent(event);
        if (event.type === 'ended') finish(callId, recorder);
      }
      inner.push(callId, event);
    },
    flush: (callId) => inner.flush(callId),
    flushAll: () => inner.flushAll(),
    drop: (callId) => inner.drop(callId),
    close: () => inner.close(),
  };

  return {
    batcher,
    start(input, startInner) {
      const schema = schemas.get(input.schemaId);
      const method = findMethod(schema.model, input.method);
      const record = input.record ?? method.kind !== 'unary';
      if (!record) return startInner(input);
      const recorder = createCallRecorder({
        path: store.newFile(method.path),
        registry: schema.registry,
        method: method.path,
        target: input.connection.target,
        metadata: input.metadata,
        ...(input.deadlineMs !== undefined ? { deadlineMs: input.deadlineMs } : {}),
      });
      pending = recorder;
      try {
        const out = startInner({ ...input, keepRaw: true });
        // No event was logged during start: the call's events come later, under its id.
        if (pending === recorder) {
          pending = undefined;
          active.set(out.callId, recorder);
        }
        return out;
      } catch (error) {
        pending = undefined;
        // Tracked like an ended call's close, so a listing right after does not see the header-only file.
        const gone = recorder
          .close()
          .then(() => unlinkSync(recorder.path))
          .catch(() => undefined);
        closing.add(gone);
        void gone.then(() => closing.delete(gone));
        throw error;
      }
    },
    fileOf: (callId) => active.get(callId)?.path,
    async settled() {
      await Promise.all([...closing]);
    },
    async close() {
      for (const [callId, recorder] of [...active]) finish(callId, recorder);
      await Promise.all([...closing]);
    },
  };
}
