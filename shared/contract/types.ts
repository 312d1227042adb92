import type { z } from 'zod';
import type { commands } from './commands.js';
import type { events } from './events.js';

export type CommandName = keyof typeof commands;
/** What a caller passes (defaults may be left out). */
export type Input<N extends CommandName> = z.input<(typeof commands)[N]['input']>;
/** What a handler receives: validated, defaults filled in. */
export type ParsedInput<N extends CommandName> = z.output<(typeof commands)[N]['input']>;
export type Output<N extends CommandName> = z.output<(typeof commands)[N]['output']>;

export type EventTopic = keyof typeof events;
export type EventPayload<T extends EventTopic> = z.output<(typeof events)[T]>;

/** How the engine hands an event to whichever host carries it. */
export type Emit = <T extends EventTopic>(topic: T, payload: EventPayload<T>) => void;

/** One implementation per command; leaving one out is a compile error. */
export type Handlers = {
  [N in CommandName]: (input: ParsedInput<N>) => Promise<Output<N>> | Output<N>;
};

export type SchemaSummary = z.output<typeof import('./commands.js').schemaSummarySchema>;
export type ChannelState = z.output<typeof import('./commands.js').channelStateSchema>;
export type Connection = z.output<typeof import('./inputs.js').connectionSchema>;
export type Security = z.output<typeof import('./inputs.js').securitySchema>;
