// Recording live calls: an observer factory that decides, when a call starts, whether to record
// it (the caller's `record` choice, else streaming kinds yes and unary no) and writes every event
// of that call to its file, which closes with the call's `ended` event.

import { unlinkSync } from 'node:fs';
import { createCallRecorder, type CallRecorder } from '../recording/index.js';
import type { CallObserverFactory } from './call-observer.js';
import type { RecordingsStore } from './recordings-store.js';
import { currentRegistry } from '../schema/current-registry.js';
import { isDerivedSecret } from './prepare-call.js';

export interface CallRecording {
  /** Attached to every call; records the ones that should be. */
  observer: CallObserverFactory;
  /** The recording file of a call still being recorded. */
  fileOf(callId: string): string | undefined;
  /** Resolves once the files of ended calls are flushed and closed. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export function createCallRecording(store: RecordingsStore): CallRecording {
  const active = new Map<string, CallRecorder>();
  const closing = new Set<Promise<void>>();

  /** Tracked, so a listing right after a call ends waits for its file to be complete. */
  function track(done: Promise<void>): void {
    closing.add(done);
    void done.then(() => closing.delete(done));
  }

  function finish(callId: string, recorder: CallRecorder): void {
    if (active.get(callId) !== recorder) return;
    active.delete(callId);
    track(
      recorder
        .close()
        .catch(() => undefined)
        .then(() => {
          const built = recorder.index();
          if (built) store.remember(recorder.path, built);
          else store.forget(recorder.path);
        }),
    );
  }

  const observer: CallObserverFactory = (start) => {
    if (!(start.record ?? start.method.kind !== 'unary')) return undefined;
    // A recording is written as events arrive: it would hold a value captured as secret from the
    // answer before the capture knows it (the runner skips such a snapshot for the same reason).
    const secretCapture = start.template.captures?.find((c) => c.secret === true);
    if (secretCapture) {
      const why = `it captures the secret "${secretCapture.name}", and a recording would write its value to a file`;
      start.note(`Not recorded: ${why}.`);
      if (start.record === true)
        process.emitWarning(`call ${start.callId} is not recorded: ${why}`);
      return undefined;
    }
    const recorder = createCallRecorder({
      path: store.newFile(start.method.path),
      // The types found through reflection while the call runs too: their files go in the header.
      registry: currentRegistry(start.schema),
      method: start.method.path,
      target: start.target,
      // Masked already (calls.ts); the names let a replay take the values from the environment.
      metadata: [...start.metadata],
      // Derived ones (an OAuth2 token, Basic credentials) have no variable to take them from again.
      secrets: [...start.secrets.keys()].filter((name) => !isDerivedSecret(name)),
      ...(start.deadlineMs !== undefined ? { deadlineMs: start.deadlineMs } : {}),
    });
    active.set(start.callId, recorder);
    return {
      onEvent(event, raw) {
        recorder.onEvent(event, raw);
        if (event.type === 'ended') finish(start.callId, recorder);
      },
      onAbandoned() {
        // The call never started: no header-only file is left behind.
        active.delete(start.callId);
        track(
          recorder
            .close()
            .then(() => unlinkSync(recorder.path))
            .catch(() => undefined),
        );
      },
    };
  };

  return {
    observer,
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
