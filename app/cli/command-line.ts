import { UsageError } from './usage-error.js';

/** What the positional arguments ask for. */
export type Command =
  | { kind: 'list'; address?: string; service?: string }
  | { kind: 'describe'; address?: string; symbol?: string }
  | { kind: 'invoke'; address: string; method: string };

function tooMany(extra: string[]): UsageError {
  return new UsageError(`too many arguments: ${extra.join(' ')}`);
}

/**
 * grpcurl's shapes: `ADDRESS list [SERVICE]`, `ADDRESS describe [SYMBOL]`, `ADDRESS METHOD`, and
 * `list`/`describe` with no address (schema from files). gwb's own commands (demo-server, …) are
 * dispatched before this, see subcommands.ts.
 */
export function parseCommand(positional: readonly string[], hasSchemaFiles: boolean): Command {
  const [first, second, third, ...rest] = positional;
  if (first === undefined) throw new UsageError('too few arguments; see gwb --help');

  if (first === 'list' || first === 'describe') {
    if (!hasSchemaFiles)
      throw new UsageError(
        `${first} without an address needs -proto or -protoset (or give ADDRESS ${first})`,
      );
    if (third !== undefined) throw tooMany(positional.slice(2));
    return first === 'list'
      ? { kind: 'list', ...(second !== undefined ? { service: second } : {}) }
      : { kind: 'describe', ...(second !== undefined ? { symbol: second } : {}) };
  }

  const address = first;
  if (second === undefined)
    throw new UsageError(
      'too few arguments: give list, describe or SERVICE/METHOD after the address',
    );
  if (second === 'list' || second === 'describe') {
    if (rest.length > 0) throw tooMany(rest);
    return second === 'list'
      ? { kind: 'list', address, ...(third !== undefined ? { service: third } : {}) }
      : { kind: 'describe', address, ...(third !== undefined ? { symbol: third } : {}) };
  }
  if (third !== undefined) throw tooMany(positional.slice(2));
  return { kind: 'invoke', address, method: second };
}
