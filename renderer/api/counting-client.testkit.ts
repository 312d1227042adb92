// A scripted engine client that counts the listeners held on one topic, so a follower left
// listening (a run over, a capture stopped, a start that failed) shows in a test.
import type { CommandName, EventPayload, EventTopic } from '../../shared/contract/types.js';
import { ScriptedClient, type Handler } from './scripted-client.testkit.js';

export class CountingClient extends ScriptedClient {
  /** Listeners of `topic` held now. */
  listening = 0;

  constructor(
    readonly topic: EventTopic,
    handlers: Partial<Record<CommandName, Handler>> = {},
  ) {
    super(handlers);
  }

  override subscribe<T extends EventTopic>(
    topic: T,
    cb: (payload: EventPayload<T>) => void,
  ): () => void {
    const off = super.subscribe(topic, cb);
    if (topic !== this.topic) return off;
    this.listening++;
    let held = true;
    return () => {
      if (held) this.listening--;
      held = false;
      off();
    };
  }
}
