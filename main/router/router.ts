// The boundary: every envelope from any host passes here. Input is validated once against the
// contract; handlers only ever see parsed input; nothing a client sends can throw through.

import {
  commands,
  isCommandName,
  type CommandName,
  type Handlers,
  type ParsedInput,
} from '../../shared/contract/index.js';
import {
  callEnvelopeSchema,
  type ReplyEnvelope,
  type EnvelopeId,
} from '../../shared/wire/envelope.js';
import type {
  PlainConnection,
  PlainDocument,
  PlainMessage,
  PlainRows,
  PlainSchemaSource,
} from '../../shared/request/plain-check.js';
import { errorToData, invalidInput } from './errors.js';

export interface Router {
  /** Answers any value (a parsed JSON message, an IPC payload) with a result or error envelope. */
  dispatch(envelope: unknown): Promise<ReplyEnvelope>;
  /** Runs a command directly (the CLI and tests), still validating the input. */
  invoke(name: string, input: unknown, id?: EnvelopeId): Promise<ReplyEnvelope>;
  /**
   * Runs a command whose input a caller in this process holds already in its checked form (the
   * type the contract's check outputs, defaults filled in): gwb's call from a document it checked
   * itself. It is not checked again, which would load zod for nothing; input from outside the
   * process (a renderer, a file) never comes this way.
   */
  invokeParsed<N extends CommandName>(name: N, input: VouchedInput<N>): Promise<ReplyEnvelope>;
}

/** Commands whose input holds only ids the engine gave (nothing from a user to check). */
type IdOnly = 'call.cancel' | 'call.halfClose' | 'call.release' | 'schema.get' | 'schema.merge';

/**
 * What invokeParsed takes: the id-only commands as they are, and the few whose user-derived
 * fields carry the mark of shared/request/plain-check.ts (which only its checks give); any other
 * command, or a document nothing checked, does not compile (router.test.ts). `symbol` is the
 * service of a plain document's method path.
 */
export type VouchedInput<N extends CommandName> = N extends IdOnly
  ? ParsedInput<N>
  : N extends 'call.start'
    ? Omit<ParsedInput<N>, 'request' | 'environment' | 'requestPath'> & {
        request: PlainDocument;
        environment?: undefined;
        requestPath?: undefined;
      }
    : N extends 'channel.state'
      ? Omit<ParsedInput<N>, 'connection'> & { connection: PlainConnection }
      : N extends 'call.send'
        ? Omit<ParsedInput<N>, 'message'> & { message: PlainMessage }
        : N extends 'schema.load'
          ? Omit<ParsedInput<N>, 'connection' | 'source' | 'auth' | 'requestPath'> & {
              connection: PlainConnection;
              source: { kind: 'reflection'; metadata?: PlainRows } | PlainSchemaSource;
              auth?: undefined;
              requestPath?: undefined;
            }
          : never;

export interface RouterOptions {
  /** Told about handler failures that became `internal` errors (for a log). */
  onInternalError?: (command: string, error: unknown) => void;
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  async function invoke(name: string, input: unknown, id: EnvelopeId = 0): Promise<ReplyEnvelope> {
    if (!isCommandName(name)) {
      return {
        t: 'error',
        id,
        code: 'unknown_command',
        message: `unknown command: ${String(name).slice(0, 128)}`,
      };
    }
    const parsed = commands[name].input.safeParse(input ?? {});
    if (!parsed.success) return { t: 'error', id, ...invalidInput(name, parsed.error) };
    return run(name, parsed.data, id);
  }

  async function run(name: CommandName, input: unknown, id: EnvelopeId): Promise<ReplyEnvelope> {
    try {
      const output = await runHandler(handlers, name, input);
      return { t: 'result', id, output };
    } catch (error) {
      const data = errorToData(error);
      if (data.code === 'internal') options.onInternalError?.(name, error);
      return { t: 'error', id, ...data };
    }
  }

  async function dispatch(envelope: unknown): Promise<ReplyEnvelope> {
    const parsed = callEnvelopeSchema.safeParse(envelope);
    if (!parsed.success) {
      const id = idOf(envelope);
      return { t: 'error', id, ...invalidInput('envelope', parsed.error) };
    }
    return invoke(parsed.data.name, parsed.data.input, parsed.data.id);
  }

  return { dispatch, invoke, invokeParsed: (name, input) => run(name, input, 0) };
}

// The map is indexed by a union key, so TS cannot relate the handler to its input by itself;
// the input was parsed by this very command's schema just before (or is in its parsed form).
function runHandler(
  handlers: Handlers,
  name: CommandName,
  input: unknown,
): Promise<unknown> | unknown {
  const handler = handlers[name] as (input: unknown) => Promise<unknown> | unknown;
  return handler(input);
}

function idOf(envelope: unknown): EnvelopeId | null {
  if (typeof envelope !== 'object' || envelope === null) return null;
  const id = (envelope as { id?: unknown }).id;
  if (typeof id === 'number' && Number.isInteger(id) && id >= 0) return id;
  if (typeof id === 'string' && id.length > 0 && id.length <= 128) return id;
  return null;
}
