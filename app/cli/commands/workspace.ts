import {
  collectionLs,
  defaultWorkspaceDir,
  requestRun,
  runCollection,
  type CommandResult,
} from '../../../main/workspace/index.js';
import type { CliIo } from '../io.js';
import type { Subcommand } from '../subcommand.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { UsageError } from '../usage-error.js';

// The workspace commands: the engine's workspace does the work and returns what to print, so
// these only read options and print (see main/workspace/cli-commands.ts).

function print(io: CliIo, result: CommandResult, stdoutAlreadyShown = false): number {
  if (!stdoutAlreadyShown && result.stdout) io.stdout.write(result.stdout);
  if (result.stderr) io.stderr.write(result.stderr);
  return result.exitCode;
}

function connectTimeoutMs(seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  if (!(seconds > 0)) throw new UsageError(`--connect-timeout must be a number of seconds > 0`);
  return Math.round(seconds * 1000);
}

/** `gwb collection ls [--workspace DIR]` */
async function runCollectionCommand(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseSubcommandOptions('collection', args, {
    workspace: 'string',
  });
  const [action, ...rest] = positional;
  if (action !== 'ls') {
    throw new UsageError(`collection: unknown action ${action ?? '(none)'}; try gwb collection ls`);
  }
  if (rest.length > 0)
    throw new UsageError(`collection ls takes no arguments, got: ${rest.join(' ')}`);
  return print(io, collectionLs(options.workspace ?? defaultWorkspaceDir()));
}

/** `gwb request run COLLECTION/PATH [--env NAME] [--workspace DIR] [--connect-timeout S]` */
async function runRequestCommand(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseSubcommandOptions('request', args, {
    env: 'string',
    workspace: 'string',
    'connect-timeout': 'number',
  });
  const [action, requestPath, ...rest] = positional;
  if (action !== 'run') {
    throw new UsageError(
      `request: unknown action ${action ?? '(none)'}; try gwb request run COLLECTION/PATH`,
    );
  }
  if (requestPath === undefined) throw new UsageError('request run needs COLLECTION/PATH');
  if (rest.length > 0) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
  const timeout = connectTimeoutMs(options['connect-timeout']);
  const result = await requestRun(options.workspace ?? defaultWorkspaceDir(), requestPath, {
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(timeout !== undefined ? { connectTimeoutMs: timeout } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    // Streams print live, as a call does; the result then holds the same text again.
    onStdout: (text) => io.stdout.write(text),
  });
  return print(io, result, true);
}

/** `gwb run COLLECTION [--env NAME] [--reporter junit|json] [--workspace DIR]` */
async function runRunCommand(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseSubcommandOptions('run', args, {
    env: 'string',
    reporter: 'string',
    workspace: 'string',
    'connect-timeout': 'number',
  });
  const [collection, ...rest] = positional;
  if (collection === undefined) throw new UsageError('run needs a COLLECTION');
  if (rest.length > 0) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
  const reporter = options.reporter;
  if (reporter !== undefined && reporter !== 'junit' && reporter !== 'json') {
    throw new UsageError(`run: --reporter is junit or json, not ${reporter}`);
  }
  const timeout = connectTimeoutMs(options['connect-timeout']);
  const result = await runCollection(options.workspace ?? defaultWorkspaceDir(), collection, {
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(reporter !== undefined ? { reporter } : {}),
    ...(timeout !== undefined ? { connectTimeoutMs: timeout } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  return print(io, result);
}

export const collectionCommand: Subcommand = {
  name: 'collection',
  usage: 'collection ls [--workspace DIR]',
  summary: 'list the saved collections and requests of a workspace',
  run: runCollectionCommand,
};

export const requestCommand: Subcommand = {
  name: 'request',
  usage: 'request run COLLECTION/PATH [--env NAME] [--workspace DIR] [--connect-timeout S]',
  summary: 'run one saved request; prints and exits as a call does',
  run: runRequestCommand,
};

export const runCommand: Subcommand = {
  name: 'run',
  usage: 'run COLLECTION [--env NAME] [--reporter junit|json] [--workspace DIR]',
  summary: 'run every saved request of a collection in order; exits 1 if any fails',
  run: runRunCommand,
};
