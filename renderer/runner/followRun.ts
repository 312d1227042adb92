// Following one run's `runner.progress` events. The engine sends every run's events to every
// window, and a run's first events can come before runner.start answers its id: so events wait
// until the id is known, then only that run's count — an earlier run still finishing, or another
// window's run, never lands in this one's view. Listened to only while the run is followed.
import type { RunnerProgress } from '../../shared/contract/runner-commands.js';
import type { EngineClient } from '../api/client.js';

export interface FollowedRun {
  /** The run's id, from runner.start's answer: the events kept so far that are its own apply. */
  own: (runId: string) => void;
  /** Stops listening (the run is over, or never started). */
  stop: () => void;
}

export function followRun(client: EngineClient, apply: (p: RunnerProgress) => void): FollowedRun {
  let runId: string | null = null;
  const waiting: RunnerProgress[] = [];
  const stop = client.subscribe('runner.progress', (p) => {
    if (runId === null) waiting.push(p);
    else if (p.runId === runId) apply(p);
  });
  return {
    own: (id) => {
      runId = id;
      for (const p of waiting.splice(0)) if (p.runId === id) apply(p);
    },
    stop,
  };
}
