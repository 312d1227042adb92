import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { RecordingPack } from './recording-pack.js';
import { RecordingThread, SILENT_THREAD_MS } from './recording-thread.js';
import { crashOnFirstOp } from './recording-thread.testkit.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
const scenario = new URL('./recording-thread-death.scenario.ts', import.meta.url).pathname;

/**
 * Runs the scenario in a child process: a wait that never ends blocks that process's event loop
 * (a test in this one could not even time out), so the child is killed after a generous bound.
 */
async function runScenario(how: 'terminate' | 'crash', ...rest: string[]): Promise<unknown> {
  const folder = tmp.file(how);
  mkdirSync(folder);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', scenario, how, folder, ...rest],
    { timeout: 60_000, encoding: 'utf8' },
  );
  return JSON.parse(stdout);
}

describe('a recording thread that dies while the event loop waits for it (backpressure)', () => {
  it('a terminated thread (as OOM kills it) is given up after its silence: the file fails, the queue goes, the next recording gets a new thread', async () => {
    // Without the heartbeat the child never returns: the wait ended only on the thread's 'exit'
    // event, which needs the event loop the wait blocks.
    const stopped = `cannot write recording ${tmp.file('terminate/lost.ndjson')}: the recording thread stopped (no sign of life for ${SILENT_THREAD_MS} ms)`;
    expect(await runScenario('terminate')).toEqual({
      failure: stopped,
      queued: 0,
      closed: stopped,
      next: 'after the thread was lost\n',
    });
  }, 90_000);

  it('a thread that crashes says so itself: the wait ends without waiting out its silence', async () => {
    // Silence alone would hold the child for ten minutes, past the bound.
    const stopped = `cannot write recording ${tmp.file('crash/lost.ndjson')}: the recording thread stopped (it exited)`;
    expect(await runScenario('crash', String(10 * 60_000))).toEqual({
      failure: stopped,
      queued: 0,
      closed: stopped,
      next: 'after the thread was lost\n',
    });
  }, 90_000);

  it('a recording closed whole into a file of several on a thread lost: its error names FILE#N, not its own file (never created)', async () => {
    // The user looks for the recording where it would have gone: the per-call path was never used.
    const thread = new RecordingThread();
    const packPath = tmp.file('lost.recordings');
    const ownPath = tmp.file('packed-call.ndjson');
    const file = thread.open(ownPath);
    crashOnFirstOp(thread);
    const closed = file.closeWith(
      Buffer.from('{"recording":1}\n'),
      new RecordingPack(() => packPath),
    );
    await expect(closed).rejects.toThrow(
      `cannot write recording ${packPath}#1: the recording thread stopped (`,
    );
    expect(existsSync(ownPath)).toBe(false);
    expect(existsSync(packPath)).toBe(false); // the thread ended before the op that creates it
  });

  it('a file closed before any bytes went (so its end is its first op) is still created, empty', async () => {
    // Its bookkeeping for a lost thread must not take the path off the op that creates it.
    const thread = new RecordingThread();
    const path = tmp.file('empty.ndjson');
    await thread.open(path).close();
    expect(readFileSync(path, 'utf8')).toBe('');
  });
});
