import type { CliIo } from './io.js';

/**
 * A gwb command of its own (not grpcurl's): `gwb NAME [options]`. Each lives in commands/ and is
 * listed in subcommands.ts (with a loader: its module loads only when it runs); it gets the
 * arguments after its name and parses them itself.
 */
export interface Subcommand {
  name: string;
  /** One line for `gwb --help`: the usage, e.g. `demo-server [--port 50051]`. */
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}
