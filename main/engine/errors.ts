// The engine modules throw their own typed errors; here each becomes contract error data with a
// stable code and the where-details (file/line/column, field path, metadata entry) kept.
// Matched by name so this file depends on no module's internals.

import { CommandError, type Handlers } from '../../shared/contract/index.js';

export function toCommandError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof CommandError) return error;
  const e = error as Error & Record<string, unknown>;
  switch (error.name) {
    case 'SchemaError':
      return new CommandError(
        'schema_error',
        error.message,
        pick(e, ['code', 'file', 'line', 'column']),
      );
    case 'CodecError':
      return new CommandError('codec_error', error.message, pick(e, ['path']));
    case 'MetadataError':
      return new CommandError('metadata_error', error.message, pick(e, ['index', 'key']));
    case 'CallStateError':
      return new CommandError('call_error', error.message);
    case 'ReflectionError': {
      // A server without reflection is a schema problem; a dead link is not.
      const code =
        e.code === 'transport' || e.code === 'deadline'
          ? 'unavailable'
          : e.code === 'not_found'
            ? 'not_found'
            : 'schema_error';
      return new CommandError(code, error.message, pick(e, ['code', 'grpcCode']));
    }
    case 'ChannelConfigError':
    case 'ChannelError':
      return new CommandError('channel_error', error.message);
    default:
      return error;
  }
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/** Wraps every handler so the engine's typed errors reach the router as CommandErrors. */
export function withErrorMapping(handlers: Handlers): Handlers {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as [
    string,
    (input: unknown) => unknown,
  ][]) {
    wrapped[name] = async (input) => {
      try {
        return await handler(input);
      } catch (error) {
        throw toCommandError(error);
      }
    };
  }
  return wrapped as unknown as Handlers;
}
