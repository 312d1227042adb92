import { CommandFailure, CommandLineError } from './usage-error.js';

/** What the positional arguments ask for. */
export type Command =
  | { kind: 'list'; address?: string; service?: string }
  | { kind: 'describe'; address?: string; symbol?: string }
  | { kind: 'invoke'; address: string; method: string };

function tooMany(extra: string[]): CommandLineError {
  return new CommandLineError(`too many arguments: ${extra.join(' ')}`);
}

/**
 * grpcurl's shapes: `ADDRESS list [SERVICE]`, `ADDRESS describe [SYMBOL]`, `ADDRESS METHOD`, and
 * `list`/`describe` with no address (schema from files). gwb's own commands (demo-server, …) are
 * dispatched before this, see subcommands.ts. Mistakes are CommandLineErrors (exit 2).
 */
export function parseCommand(positional: readonly string[], hasSchemaFiles: boolean): Command {
  const [first, second, third, ...rest] = positional;
  if (first === undefined) throw new CommandLineError('too few arguments');

  if (first === 'list' || first === 'describe') {
    if (!hasSchemaFiles)
      throw new CommandLineError(
        `${first} without an address needs -proto or -protoset (or give ADDRESS ${first})`,
      );
    if (third !== undefined) throw tooMany(positional.slice(2));
    return first === 'list'
      ? { kind: 'list', ...(second !== undefined ? { service: second } : {}) }
      : { kind: 'describe', ...(second !== undefined ? { symbol: second } : {}) };
  }

  const address = hostDefaulted(first);
  if (second === undefined)
    throw new CommandLineError(
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

/**
 * `:50051` is the local machine in Go (grpcurl dials it); grpc-js wants a host, so it is named.
 */
function hostDefaulted(address: string): string {
  return /^:\d+$/.test(address) ? `localhost${address}` : address;
}

/** grpc-js target schemes (`unix:/path`, `dns:host:port`, …): the target says where, no port rule. */
const TARGET_SCHEME = /^(unix|unix-abstract|dns|ipv4|ipv6|xds|vsock):/;

/**
 * grpcurl dials host:port (Go's net.SplitHostPort) and refuses an address without a port
 * ("missing port in address") — gwb must not quietly dial 443 instead. Checked just before
 * connecting, so `-proto … list` (which never connects) takes any address, as grpcurl's does.
 * With -unix the address is a path.
 */
export function checkAddressHasPort(address: string, unixSocket: boolean): void {
  if (unixSocket || TARGET_SCHEME.test(address)) return;
  const problem = hostPortProblem(address);
  if (problem !== undefined) {
    throw new CommandFailure(`failed to connect to ${address}: ${problem}`);
  }
}

/** What Go's SplitHostPort says about an address, in its words plus how to write it. */
function hostPortProblem(address: string): string | undefined {
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    if (close === -1) return "missing ']' in address";
    if (address[close + 1] !== ':') {
      return `missing port in address (give [host]:port, e.g. ${address.slice(0, close + 1)}:443)`;
    }
    return undefined;
  }
  const colons = address.split(':').length - 1;
  if (colons === 0) return `missing port in address (give host:port, e.g. ${address}:443)`;
  if (colons > 1) return 'too many colons in address (write an IPv6 address as [host]:port)';
  return undefined;
}
