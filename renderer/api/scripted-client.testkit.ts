// The engine client the store's unit tests script, typed by the contract (the real engine path is
// covered by e2e/): each command answers from a handler, events are fired by hand.
import type {
  CommandName,
  EventPayload,
  EventTopic,
  Input,
  Output,
} from '../../shared/contract/types.js';
import type { EngineClient } from './client.js';

export type Handler = (input: never) => unknown;

export class ScriptedClient implements EngineClient {
  readonly invoked: { name: string; input: unknown }[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly handlers: Partial<Record<CommandName, Handler>>) {}

  async invoke<N extends CommandName>(name: N, input: Input<N>): Promise<Output<N>> {
    this.invoked.push({ name, input });
    const handler = this.handlers[name];
    if (!handler)
      throw Object.assign(new Error(`no handler for ${name}`), { code: 'unknown_command' });
    return (await handler(input as never)) as Output<N>;
  }

  subscribe<T extends EventTopic>(topic: T, cb: (payload: EventPayload<T>) => void): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    set.add(cb as (payload: unknown) => void);
    this.listeners.set(topic, set);
    return () => set.delete(cb as (payload: unknown) => void);
  }

  /** Delivers an event to the store as the transport would. */
  emit<T extends EventTopic>(topic: T, payload: EventPayload<T>): void {
    for (const cb of this.listeners.get(topic) ?? []) cb(payload);
  }

  /** The inputs of every `name` command so far, in order. */
  inputs<N extends CommandName>(name: N): Input<N>[] {
    return this.invoked.filter((c) => c.name === name).map((c) => c.input as Input<N>);
  }

  count(name: CommandName): number {
    return this.invoked.filter((c) => c.name === name).length;
  }
}
