// The workspace commands, through the engine as the UI uses it: `gwb collection ls`, `gwb request
// run` and `gwb run`. Saved-request runs take the connection and metadata flags of a call (from the
// flag table), laid over each saved request.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TreeNode } from '../../../shared/workspace/tree.js';
import { defaultDataDir, defaultWorkspaceDir } from '../../../main/workspace/index.js';
import { WORKSPACE_FILE } from '../../../main/workspace/workspace-file.js';
import { withCliEngine, type CliEngine } from '../engine-host.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { jsonReport, junitReport, textReport, type CollectionResult } from '../reporters.js';
import type { ParsedArgs } from '../flags.js';
import { runSavedRequest, SAVED_RUN_FLAGS, type SavedRunContext } from '../saved-run.js';
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

/** The request paths under a collection or folder, in tree order (folders first, then by name). */
function requestsUnder(nodes: readonly TreeNode[], folder: string): string[] | undefined {
  for (const node of nodes) {
    if (node.kind === 'request') continue;
    if (node.path === folder) return requestPaths(node.children);
    if (folder.startsWith(`${node.path}/`)) return requestsUnder(node.children, folder);
  }
  return undefined;
}

function requestPaths(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'request' ? [n.path] : requestPaths(n.children)));
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
  collection: string;
  env: string | undefined;
  reporter: 'junit' | 'json' | undefined;
  workspace: string | undefined;
  flags: ParsedArgs;
}

function parseRunArgs(args: string[]): RunArgs {
  const { options, positional, flags } = parseSubcommandOptions(
    'run',
    args,
    { env: 'string', reporter: 'string', workspace: 'string' },
    SAVED_RUN_FLAGS,
  );
  const [collection, ...rest] = positional;
  if (collection === undefined) throw new UsageError('needs a COLLECTION');
  if (rest.length > 0) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
  const reporter = options.reporter;
  if (reporter !== undefined && reporter !== 'junit' && reporter !== 'json') {
    throw new UsageError(`run: --reporter is junit or json, not ${reporter}`);
  }
  return { collection, env: options.env, reporter, workspace: options.workspace, flags };
}

/** `gwb run COLLECTION [--env NAME] [--reporter junit|json] [--workspace DIR] [call flags]` */
async function runRunCommand(args: RunArgs, io: CliIo): Promise<number> {
  const { collection, reporter, env } = args;
  return savedRunEngine(async (engine) => {
    await openWorkspace(engine, args.workspace);
    await useEnvironment(engine, env);
    const { collections } = await engine.run('workspace.tree', {});
    const paths = requestsUnder(collections, collection.replace(/\/+$/, ''));
    if (!paths) throw new CommandFailure(`no collection or folder ${collection}`);
    const ctx: SavedRunContext = {
      engine,
      flags: args.flags.flags,
      ...(env !== undefined ? { environment: env } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    };
    const results: CollectionResult[] = [];
    for (const requestPath of paths) {
      if (io.signal?.aborted) break;
      results.push({ path: requestPath, outcome: await runSavedRequest(ctx, requestPath) });
    }
    if (io.signal?.aborted) {
      const text = textReport(results);
      io.stdout.write(text.stdout);
      io.stderr.write(text.stderr);
      return EXIT_INTERRUPTED;
    }
    const failed = results.some((r) => r.outcome.exitCode !== 0) || results.length === 0;
    if (reporter === 'junit') io.stdout.write(junitReport(collection, results));
    else if (reporter === 'json') io.stdout.write(jsonReport(collection, results));
    else {
      const text = textReport(results);
      io.stdout.write(text.stdout);
      io.stderr.write(
        results.length === 0
          ? `gwb: collection ${collection} has no saved requests\n`
          : text.stderr,
      );
    }
    return failed ? EXIT_FAILURE : 0;
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
  execute: runRequestCommand,
});

export const runCommand: Subcommand = defineSubcommand({
  name: 'run',
  usage: 'run COLLECTION [--env NAME] [--reporter junit|json] [--workspace DIR] [call flags]',
  summary: 'run every saved request of a collection in order; exits 1 if any fails',
  help: RUN_HELP,
  parse: parseRunArgs,
  execute: runRunCommand,
});
