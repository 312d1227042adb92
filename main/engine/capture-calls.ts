// The calls of one capture as the Capture panel sees them: each call from its start (once its
// recording is on disk, so the panel can open it at once) through its message counts to its end,
// sent as `capture.calls` batches of what changed. Counts are read from the proxy's live calls on
// a short timer while any runs, never per message: a 100k-message stream is a few events a second.

import { statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventPayload } from '../../shared/contract/index.js';
import type { CallSummary, LiveCall } from '../capture/index.js';

export type CapturedCall = EventPayload<'capture.calls'>['calls'][number];

/** How often the counts of running calls are looked at (and changes sent). */
export const CAPTURE_TICK_MS = 100;
/** A running call whose counts stand still is sent again this often, for its duration. */
export const CAPTURE_DURATION_TICK_MS = 1000;
/** Calls a capture keeps in its list; older ended ones are left out (their recordings stay). */
export const MAX_LISTED_CALLS = 500;

interface Tracked {
  view: CapturedCall;
  file: string;
  live: LiveCall | undefined;
  t0: number;
  /** Sent to the panel at least once (its file was there). */
  announced: boolean;
}

/** The recording is created empty first (off the event loop), its header written after. */
function hasContent(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

export interface CaptureCallFeed {
  started(call: LiveCall): void;
  ended(summary: CallSummary): void;
  /** Newest first. */
  list(): CapturedCall[];
  /** Sends what is still unsent and stops the timer. */
  close(): void;
}

export function createCaptureCallFeed(
  recordingsDir: string,
  emit: (calls: CapturedCall[]) => void,
): CaptureCallFeed {
  const calls = new Map<string, Tracked>();
  const dirty = new Set<Tracked>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const idOf = (file: string): string =>
    path.relative(recordingsDir, file).split(path.sep).join('/');

  function refreshCounts(): void {
    for (const call of calls.values()) {
      if (call.view.done || !call.live) continue;
      const { sent, received } = call.live.counts;
      const durationMs = performance.now() - call.t0;
      // A call that hangs (a target that never answers) still shows its time going on.
      const stale = durationMs - call.view.durationMs >= CAPTURE_DURATION_TICK_MS;
      if (sent !== call.view.sent || received !== call.view.received || stale) dirty.add(call);
      if (dirty.has(call)) call.view = { ...call.view, sent, received, durationMs };
    }
  }

  function flush(): void {
    refreshCounts();
    const out: CapturedCall[] = [];
    for (const call of dirty) {
      // The panel opens a call by its recording: announced once its header is on disk.
      if (!call.announced && !call.view.done && !hasContent(call.file)) continue;
      call.announced = true;
      dirty.delete(call);
      out.push(call.view);
    }
    if (out.length > 0) emit(out);
    const running = [...calls.values()].some((c) => !c.view.done);
    if (!running && dirty.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  function schedule(): void {
    timer ??= setInterval(flush, CAPTURE_TICK_MS);
    timer.unref?.();
  }

  function forgetOldest(): void {
    if (calls.size <= MAX_LISTED_CALLS) return;
    for (const [key, call] of calls) {
      if (calls.size <= MAX_LISTED_CALLS) return;
      if (call.view.done && !dirty.has(call)) calls.delete(key);
    }
  }

  return {
    started(live) {
      if (live.file === undefined) return;
      const call: Tracked = {
        file: live.file,
        live,
        t0: performance.now(),
        announced: false,
        view: {
          id: idOf(live.file),
          method: live.method,
          startedAt: Date.now(),
          sent: 0,
          received: 0,
          durationMs: 0,
          done: false,
        },
      };
      calls.set(live.file, call);
      dirty.add(call);
      forgetOldest();
      schedule();
    },
    ended(summary) {
      if (summary.file === undefined) return;
      const call = calls.get(summary.file);
      if (!call) return;
      const { code, codeName, message } = summary.status;
      call.live = undefined;
      call.view = {
        ...call.view,
        sent: summary.sent,
        received: summary.received,
        durationMs: summary.durationMs,
        done: true,
        status: { code, codeName, message },
        ...(summary.recordingError !== undefined
          ? { problem: `not recorded: ${summary.recordingError}` }
          : {}),
      };
      dirty.add(call);
      schedule();
    },
    list: () =>
      [...calls.values()]
        .filter((c) => c.announced)
        .map((c) => c.view)
        .reverse(),
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      for (const call of dirty) call.announced = true;
      const rest = [...dirty].map((c) => c.view);
      dirty.clear();
      if (rest.length > 0) emit(rest);
    },
  };
}
