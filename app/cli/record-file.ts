// `-record FILE`: the call's recording written where the user said, by an observer gwb attaches to
// the call when it starts (as the engine's own recorder attaches for the recordings folder).
import { closeSync, openSync } from 'node:fs';
import type { CallObserverFactory } from '../../main/engine/call-observer.js';
import { createCallRecorder, type CallRecorder } from '../../main/recording/index.js';
import { CommandFailure } from './usage-error.js';

export interface RecordFile {
  observer: CallObserverFactory;
  /** Resolves once the recording is flushed and closed (after the call has ended). */
  closed(): Promise<void>;
}

/** Checks now that FILE can be written, so a typo stops the command before anything is sent. */
function checkWritable(file: string): void {
  try {
    closeSync(openSync(file, 'w'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such folder'
        : (error as Error).message;
    throw new CommandFailure(`cannot write the -record file ${file}: ${reason}`, { cause: error });
  }
}

export function recordToFile(file: string, schemaSource: string): RecordFile {
  checkWritable(file);
  let closing: Promise<void> = Promise.resolve();
  const observer: CallObserverFactory = (start) => {
    const recorder: CallRecorder = createCallRecorder({
      path: file,
      registry: start.schema.registry,
      method: start.method.path,
      target: start.target,
      metadata: [...start.metadata],
      ...(start.deadlineMs !== undefined ? { deadlineMs: start.deadlineMs } : {}),
      schemaSource,
    });
    const close = (): void => {
      closing = recorder.close();
    };
    return {
      onEvent: (event, raw) => recorder.onEvent(event, raw),
      onEnded: close,
      onAbandoned: close,
    };
  };
  return { observer, closed: () => closing };
}
