// The workspace commands, through the engine as the UI uses it: `gwb collection ls`, `gwb request
// run` and `gwb run`. Saved-request runs take the connection and metadata flags of a call (from the
// flag table), laid over each saved request.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TreeNode } from '../../../shared/workspace/tree.js';
import { defaultDataDir, defaultWorkspaceDir } from '../../../main/workspace/index.js';
import { WORKSPACE_FILE } from '../../../main/workspace/workspace-file.js';
import { writeFileAtomic } from '../../../main/workspace/store/atomic-write.js';
import { withCliEngine, type CliEngine } from '../engine-host.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { cliRequestLines, report, summaryLine } from '../reporters.js';
import {
  callFlagWords,
  parseReporters,
  positiveIterations,
  type ReporterTarget,
} from '../run-options.js';
import type {
  RequestResult,
  RunnerProgress,
  RunResult,
} from '../../../shared/contract/runner-commands.js';
import type { ParsedArgs } from '../flags.js';
import type { HeaderFlags } from '../../../shared/grpcurl/bin-header-warnings.js';
import { runSavedRequest, SAVED_RUN_FLAGS } from '../saved-run.js';
import type { Subcommand } from '../subcommand.js';
import { defineSubcommand } from '../subcommand-run.js';
import { COLLECTION_HELP, REQUEST_HELP, RUN_HELP } from './workspace-help.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { CommandFailure, UsageError } from '../usage-error.js';

function treeLines(nodes: readonly TreeNode[], indent: string): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    if (node.kind === 'request') {
      const detail =
        node.error !== undefined ? `  [error: ${node.error}]` : `  ${node.method ?? ''}`;
      lines.push(`${indent}${node.name}${detail}`);
    } else {
      lines.push(`${indent}${node.name}/`);
      lines.push(...treeLines(node.children, `${indent}  `));
    }
  }
  return lines;
}

/**
 * The workspace folder a command reads. These commands only read a workspace, so a folder that is
 * not one (a typo, the wrong folder) is refused rather than made into an empty workspace, which
 * would list nothing and look like success. The workbench creates workspaces (Open folder…).
 */
export function existingWorkspaceDir(dir: string | undefined): string {
  const target = path.resolve(dir ?? defaultWorkspaceDir());
  if (existsSync(path.join(target, WORKSPACE_FILE))) return target;
  const create =
    'create one by opening the folder in the workbench (npm start or gwb serve, then Open folder…)';
  if (dir === undefined)
    throw new CommandFailure(
      `no workspace yet at ${target} (the default); pass --workspace DIR, or ${create}`,
    );
  const what = !existsSync(target)
    ? 'does not exist'
    : statSync(target).isDirectory()
      ? `is not a workspace (no ${WORKSPACE_FILE})`
      : 'is not a folder';
  throw new CommandFailure(`--workspace ${target} ${what}; ${create}`);
}

async function openWorkspace(engine: CliEngine, dir: string | undefined): Promise<void> {
  await engine.run('workspace.open', { dir: existingWorkspaceDir(dir) });
}

/** Checks the environment exists, and selects it so reflection sources use it too. */
async function useEnvironment(engine: CliEngine, env: string | undefined): Promise<void> {
  if (env === undefined) return;
  await engine.run('environment.read', { name: env });
  await engine.run('environment.select', { name: env });
}

/**
 * The engine of a saved-request run: the user's data folder (secrets are there), history kept as
 * a Send from the UI would.
 */
function savedRunEngine<T>(body: (engine: CliEngine) => Promise<T>): Promise<T> {
  return withCliEngine({ dataDir: defaultDataDir(), history: true }, body);
}

/**
 * gwb run's engine: as savedRunEngine, with no observer keeping the calls' events for a watcher
 * (engine-host.ts watchesCalls): gwb run prints from the runner's progress and watches no call.
 */
function collectionRunEngine<T>(body: (engine: CliEngine) => Promise<T>): Promise<T> {
  return withCliEngine({ dataDir: defaultDataDir(), history: true, watchesCalls: false }, body);
}

interface CollectionArgs {
  workspace: string | undefined;
}

function parseCollectionArgs(args: string[]): CollectionArgs {
  const { options, positional } = parseSubcommandOptions('collection', args, {
    workspace: 'string',
  });
  const [action, ...rest] = positional;
  if (action !== 'ls') {
    throw new UsageError(`collection: unknown action ${action ?? '(none)'}; try gwb collection ls`);
  }
  if (rest.length > 0) throw new UsageError(`ls takes no arguments, got: ${rest.join(' ')}`);
  return { workspace: options.workspace };
}

/** `gwb collection ls [--workspace DIR]` */
async function runCollectionCommand(args: CollectionArgs, io: CliIo): Promise<number> {
  // Listing keeps nothing: a throwaway data folder.
  const tree = await withCliEngine({}, async (engine) => {
    await openWorkspace(engine, args.workspace);
    return engine.run('workspace.tree', {});
  });
  const lines = treeLines(tree.collections, '');
  io.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '(no collections)\n');
  return 0;
}

interface RequestArgs {
  requestPath: string;
  env: string | undefined;
  workspace: string | undefined;
  flags: ParsedArgs;
}

function parseRequestArgs(args: string[]): RequestArgs {
  const { options, positional, flags } = parseSubcommandOptions(
    'request',
    args,
    { env: 'string', workspace: 'string' },
    SAVED_RUN_FLAGS,
  );
  const [action, requestPath, ...rest] = positional;
  if (action !== 'run') {
    throw new UsageError(
      `request: unknown action ${action ?? '(none)'}; try gwb request run COLLECTION/PATH`,
    );
  }
  if (requestPath === undefined) throw new UsageError('run needs COLLECTION/PATH');
  if (rest.length > 0) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
  return { requestPath, env: options.env, workspace: options.workspace, flags };
}

/** `gwb request run COLLECTION/PATH [--env NAME] [--workspace DIR] [call flags]` */
async function runRequestCommand(args: RequestArgs, io: CliIo): Promise<number> {
  const { requestPath, env } = args;
  return savedRunEngine(async (engine) => {
    await openWorkspace(engine, args.workspace);
    await useEnvironment(engine, env);
    const outcome = await runSavedRequest(
      {
        engine,
        flags: args.flags.flags,
        callFlags: callFlagWords(args.flags),
        ...(env !== undefined ? { environment: env } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
        // Streams print live, as a call does.
        onStdout: (text) => io.stdout.write(text),
      },
      requestPath,
    );
    if (outcome.stderr) io.stderr.write(outcome.stderr);
    return outcome.exitCode;
  });
}

interface RunArgs {
  target: string;
  env: string | undefined;
  workspace: string | undefined;
  filter: string | undefined;
  bail: boolean;
  iterations: number | undefined;
  data: string | undefined;
  reporters: ReporterTarget[];
  snapshots: 'off' | 'compare' | 'update';
  snapshotIgnore: string[];
  callFlags: string[];
  headerFlags: HeaderFlags;
}

function parseRunArgs(args: string[]): RunArgs {
  const { options, positional, flags } = parseSubcommandOptions(
    'run',
    args,
    {
      env: 'string',
      workspace: 'string',
      filter: 'string',
      bail: 'bool',
      iterations: 'number',
      data: 'string',
      reporter: 'list',
      snapshots: 'bool',
      'update-snapshots': 'bool',
      'snapshot-ignore': 'list',
    },
    SAVED_RUN_FLAGS,
  );
  const [target, ...rest] = positional;
  if (target === undefined) throw new UsageError('needs a COLLECTION (or COLLECTION/FOLDER)');
  if (rest.length > 0) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
  return {
    target: target.replace(/\/+$/, ''),
    env: options.env,
    workspace: options.workspace,
    filter: options.filter,
    bail: options.bail ?? false,
    iterations: positiveIterations(options.iterations),
    data: options.data,
    reporters: parseReporters(options.reporter),
    snapshots: options['update-snapshots'] ? 'update' : options.snapshots ? 'compare' : 'off',
    snapshotIgnore: options['snapshot-ignore'] ?? [],
    callFlags: callFlagWords(flags),
    headerFlags: flags.flags,
  };
}

/** Writes each report where it goes; a file that cannot be written is said, after the others. */
function writeReports(targets: readonly ReporterTarget[], result: RunResult, io: CliIo): boolean {
  let written = true;
  for (const { name, file } of targets) {
    if (file === undefined) {
      // The cli report on stdout printed each request as it finished: its summary is left.
      io.stdout.write(name === 'cli' ? summaryLine(result) : report(name, result));
      continue;
    }
    try {
      // Atomic: CI reading last run's report, or a run killed mid-write, never sees half of one.
      writeFileAtomic(file, report(name, result));
    } catch (error) {
      io.stderr.write(`gwb: --reporter ${name}:${file}: ${(error as Error).message}\n`);
      written = false;
    }
  }
  return written;
}

/** The cli report on stdout, a request at a time as the runner finishes it. */
function printAsTheyFinish(engine: CliEngine, io: CliIo): (runId: string) => () => void {
  let runId: string | undefined;
  // Progress can come before runner.start has answered: kept until the run's id is known.
  const early: RunnerProgress[] = [];
  let previous: RequestResult | undefined;
  let iterations = 1;
  const print = (progress: RunnerProgress): void => {
    if (progress.runId !== runId) return;
    if (progress.type === 'started') iterations = progress.iterations;
    if (progress.type !== 'request-finished') return;
    io.stdout.write(cliRequestLines(progress.result, iterations, previous));
    previous = progress.result;
  };
  const stop = engine.watchRuns((progress) =>
    runId === undefined ? early.push(progress) : print(progress),
  );
  return (id) => {
    runId = id;
    for (const progress of early.splice(0)) print(progress);
    return stop;
  };
}

/**
 * `gwb run COLLECTION[/FOLDER] [options] [call flags]`: the engine's collection runner (the one
 * the workbench's runner panel uses), reported as asked.
 */
async function runRunCommand(args: RunArgs, io: CliIo): Promise<number> {
  return collectionRunEngine(async (engine) => {
    await openWorkspace(engine, args.workspace);
    await useEnvironment(engine, args.env);
    const live = args.reporters.some((r) => r.name === 'cli' && r.file === undefined);
    const watching = live ? printAsTheyFinish(engine, io) : undefined;
    const { runId } = await engine.run('runner.start', {
      target: args.target,
      ...(args.env !== undefined ? { environment: args.env } : {}),
      ...(args.filter !== undefined ? { filter: args.filter } : {}),
      bail: args.bail,
      ...(args.iterations !== undefined ? { iterations: args.iterations } : {}),
      // Read by the engine, as the UI's runner has it read (one reader: errors say file:line);
      // a relative path is the shell's, from the current folder.
      ...(args.data !== undefined ? { dataFile: path.resolve(args.data) } : {}),
      snapshots: args.snapshots,
      snapshotIgnore: args.snapshotIgnore,
      callFlags: args.callFlags,
    });
    const stopWatching = watching?.(runId);
    const cancel = (): void => void engine.run('runner.cancel', { runId }).catch(() => undefined);
    io.signal?.addEventListener('abort', cancel, { once: true });
    if (io.signal?.aborted) cancel();
    let result: RunResult;
    try {
      result = await engine.run('runner.wait', { runId });
    } finally {
      io.signal?.removeEventListener('abort', cancel);
      stopWatching?.();
    }
    const written = writeReports(args.reporters, result, io);
    if (result.cancelled) return EXIT_INTERRUPTED;
    const failed = result.summary.failed > 0 || result.results.length === 0;
    return failed || !written ? EXIT_FAILURE : 0;
  });
}

export const collectionCommand: Subcommand = defineSubcommand({
  name: 'collection',
  usage: 'collection ls [--workspace DIR]',
  summary: 'list the saved collections and requests of a workspace',
  help: COLLECTION_HELP,
  parse: parseCollectionArgs,
  execute: runCollectionCommand,
});

export const requestCommand: Subcommand = defineSubcommand({
  name: 'request',
  usage: 'request run COLLECTION/PATH [--env NAME] [--workspace DIR] [call flags]',
  summary:
    'run one saved request; prints and exits as a call does. Call flags (-plaintext, -H, -max-time, …) override the saved ones',
  help: REQUEST_HELP,
  parse: parseRequestArgs,
  headerFlags: (args) => args.flags.flags,
  execute: runRequestCommand,
});

export const runCommand: Subcommand = defineSubcommand({
  name: 'run',
  usage: 'run COLLECTION[/FOLDER] [--env NAME] [--reporter NAME[:FILE]] [options] [call flags]',
  summary:
    'run the saved requests of a collection in order, checking their assertions; exits 1 unless all passed',
  help: RUN_HELP,
  parse: parseRunArgs,
  headerFlags: (args) => args.headerFlags,
  execute: runRunCommand,
});
