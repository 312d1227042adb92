// `-record FILE`: the call's recording written where the user said, by an observer gwb attaches to
// the call when it starts (as the engine's own recorder attaches for the recordings folder).
import { closeSync, existsSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { CallObserverFactory } from '../../main/engine/call-observer.js';
import { createCallRecorder } from '../../main/recording/index.js';
import { CommandFailure } from './usage-error.js';
import { currentRegistry } from '../../main/schema/current-registry.js';

export interface RecordFile {
  observer: CallObserverFactory;
  /**
   * Resolves once the recording is flushed and closed. When no call was recorded (the command
   * stopped before), a file this created is removed and an existing one is left as it was.
   */
  finish(): Promise<void>;
}

/**
 * Checks now that FILE can be written, so a typo stops the command before anything is sent.
 * Opened to append, so an existing recording is only replaced once a call really starts.
 */
function checkWritable(file: string): void {
  try {
    closeSync(openSync(file, 'a'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such folder'
        : (error as Error).message;
    throw new CommandFailure(`cannot write the -record file ${file}: ${reason}`, { cause: error });
  }
}

export function recordToFile(file: string, schemaSource: string): RecordFile {
  const existed = existsSync(file);
  checkWritable(file);
  let closing: Promise<void> | undefined;
  const observer: CallObserverFactory = (start) => {
    // Written beside FILE until the call has really started (its first event), then moved into
    // place: a call abandoned before (a message that does not fit) leaves FILE as it was.
    const pending = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.part`);
    let placed = false;
    const recorder = createCallRecorder({
      path: pending,
      // The types found through reflection while the call runs too: their files go in the header.
      registry: currentRegistry(start.schema),
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
      onEvent: (event, raw) => {
        if (!placed) {
          // Renaming an open file keeps the writer writing to it, now under its own name.
          renameSync(pending, file);
          placed = true;
        }
        recorder.onEvent(event, raw);
      },
      onEnded: close,
      onAbandoned: () => {
        close();
        closing = closing?.then(() => rmSync(pending, { force: true }));
        if (!existed) rmSync(file, { force: true });
      },
    };
  };
  return {
    observer,
    async finish() {
      if (closing) return closing;
      if (!existed) rmSync(file, { force: true });
    },
  };
}
