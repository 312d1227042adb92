import { demoServerCommand } from './commands/demo-server.js';
import { mockCommandLine, replayCommandLine } from './commands/recording.js';
import { serveCommand } from './commands/serve.js';
import { collectionCommand, requestCommand, runCommand } from './commands/workspace.js';
import type { Subcommand } from './subcommand.js';

/** gwb's own commands, found by their first argument before grpcurl-style parsing starts. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  serveCommand,
  demoServerCommand,
  collectionCommand,
  requestCommand,
  runCommand,
  replayCommandLine,
  mockCommandLine,
];

export function findSubcommand(name: string | undefined): Subcommand | undefined {
  return SUBCOMMANDS.find((command) => command.name === name);
}
