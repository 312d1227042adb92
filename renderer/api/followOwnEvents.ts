// Following one run's events on a topic (a collection run's `runner.progress`, a load run's
// `load.progress`, a capture's `capture.calls`). The engine sends every run's events to every
// window, and a run's first events can come before the command that starts it answers its id:
// so events wait until the id is known, then only that run's count — an earlier run still
// finishing, or another window's run, never lands in this one's view. Listened to only while the run is followed: from before its start
// until its last event, or until stopped.
import type { EventPayload, EventTopic } from '../../shared/contract/types.js';
import type { EngineClient } from './client.js';

export interface FollowedEvents {
  /** The run's id, from its start command's answer: the events kept so far that are its own apply. */
  own: (id: string) => void;
  /** Stops listening (the run is over, never started, or no longer known). Safe to call again. */
  stop: () => void;
}

export interface FollowOptions<T extends EventTopic> {
  topic: T;
  /** The run an event belongs to. */
  idOf: (event: EventPayload<T>) => string;
  apply: (event: EventPayload<T>) => void;
  /** The run's last event: listening stops once it is applied. */
  isLast?: (event: EventPayload<T>) => boolean;
}

export function followOwnEvents<T extends EventTopic>(
  client: EngineClient,
  { topic, idOf, apply, isLast = () => false }: FollowOptions<T>,
): FollowedEvents {
  let id: string | null = null;
  let stopped = false;
  const waiting: EventPayload<T>[] = [];
  const off = client.subscribe(topic, (event) => {
    if (id === null) waiting.push(event);
    else applyOwn(event);
  });
  function stop(): void {
    if (stopped) return;
    stopped = true;
    waiting.length = 0;
    off();
  }
  function applyOwn(event: EventPayload<T>): void {
    if (stopped || idOf(event) !== id) return;
    apply(event);
    if (isLast(event)) stop();
  }
  return {
    own: (runId) => {
      id = runId;
      for (const event of waiting.splice(0)) applyOwn(event);
    },
    stop,
  };
}
