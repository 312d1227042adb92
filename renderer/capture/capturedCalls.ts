// The Capture panel's list of captured calls: each `capture.calls` batch says how some calls are
// now; they replace the same calls (by recording id) in place, new ones go on top. Pure, so the
// slice and its tests share it.
import type { EventPayload } from '../../shared/contract/types.js';

export type CapturedCall = EventPayload<'capture.calls'>['calls'][number];

/** As many as the engine keeps per capture: older ended calls stay in the recordings folder. */
export const MAX_SHOWN_CALLS = 500;

/** Newest first. */
export function mergeCapturedCalls(
  shown: readonly CapturedCall[],
  batch: readonly CapturedCall[],
): CapturedCall[] {
  const changed = new Map(batch.map((c) => [c.id, c]));
  const kept = shown.map((c) => {
    const now = changed.get(c.id);
    if (now) changed.delete(c.id);
    return now ?? c;
  });
  const added = [...changed.values()].sort((a, b) => b.startedAt - a.startedAt);
  return [...added, ...kept].slice(0, MAX_SHOWN_CALLS);
}

/** `12 ms`, `3.4 s`, `2 min 5 s`: how long a call ran (or has been running). */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The call's state in a word: its status code name, or that it is still running. */
export function statusText(call: CapturedCall): string {
  return call.done ? (call.status?.codeName ?? 'ended') : 'running';
}
