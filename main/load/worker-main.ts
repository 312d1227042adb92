// The worker thread's side: plan the share (answering `ready` or why not), start at the time the
// coordinator gives (so all workers keep one schedule), report each interval, stop on request.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { WorkbenchError } from '../../shared/contract/errors.js';
import type { LoadTarget, ParentMessage, WorkerMessage, WorkerShare } from './load-types.js';
import { prepareShare, startShare, type RunningShare } from './worker-run.js';

export const LOAD_WORKER_MARK = 'gwb-load-worker';

export interface LoadWorkerData {
  mark: typeof LOAD_WORKER_MARK;
  target: LoadTarget;
  share: WorkerShare;
}

/** True in a thread the load coordinator started (a bundled host runs its own entry again). */
export function isLoadWorker(): boolean {
  return !isMainThread && (workerData as Partial<LoadWorkerData> | null)?.mark === LOAD_WORKER_MARK;
}

export function runLoadWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLoadWorker: not in a worker thread');
  const { target, share } = workerData as LoadWorkerData;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  try {
    prepareShare(target, share);
  } catch (error) {
    post({
      type: 'failed',
      message: (error as Error).message,
      ...(error instanceof WorkbenchError ? { code: error.code } : {}),
    });
    return;
  }
  let running: RunningShare | undefined;
  let stopEarly = false;
  port.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') {
      stopEarly = true;
      running?.stop();
      return;
    }
    running = startShare(target, share, message.at, {
      progress: (totals, interval) => post({ type: 'progress', totals, interval }),
    });
    if (stopEarly) running.stop();
    void running.done.then(
      ({ totals, interval }) => {
        post({ type: 'done', totals, interval });
        port.close();
      },
      (error: unknown) => post({ type: 'failed', message: (error as Error).message }),
    );
  });
  post({ type: 'ready' });
}
