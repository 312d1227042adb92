// The engine client the store's unit tests script, typed by the contract (the real engine path is
// covered by e2e/): each command answers from a handler, events are fired by hand.
import type {
  CommandName,
  EventPayload,
  EventTopic,
  Input,
  Output,
  SchemaSummary,
} from '../../shared/contract/types.js';
import type { SchemaModel } from '../../shared/schema/model.js';
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

/** The summary the engine answers for the schema `schemaId` (named after it). */
export const schemaSummary = (
  schemaId: string,
  source: SchemaSummary['source'] = 'reflection',
): SchemaSummary => ({
  schemaId,
  name: schemaId,
  source,
  loadedAt: 1,
  services: [],
  messageCount: 2,
  fileCount: 1,
});

/** `schema.load` and `schema.get` as the engine answers them: a load answers the schema id `load`
 *  names (or picks from the load's input), a get answers that schema's summary and `model` (or
 *  the model it picks by schema id). */
export function schemaAnswers(
  load: string | ((input: Input<'schema.load'>) => string),
  model: SchemaModel | ((schemaId: string) => SchemaModel),
  source: SchemaSummary['source'] = 'reflection',
): { 'schema.load': Handler; 'schema.get': Handler } {
  return {
    'schema.load': (input: Input<'schema.load'>) =>
      schemaSummary(typeof load === 'string' ? load : load(input), source),
    'schema.get': (input: Input<'schema.get'>) => ({
      summary: schemaSummary(input.schemaId, source),
      model: typeof model === 'function' ? model(input.schemaId) : model,
    }),
  };
}
