// What `gwb collection ls`, `gwb request run` and `gwb run` do, as pure functions returning the
// text to print and the exit code, so the CLI only parses flags and dispatches here.
import { ChannelPool } from '../channels/index.js';
import type { TreeNode } from '../../shared/workspace/tree.js';
import { defaultDataDir, defaultSecretPaths } from './data-dir.js';
import {
  jsonReport,
  junitReport,
  textReport,
  type CollectionResult,
  type Reporter,
} from './run/reporters.js';
import { INTERRUPTED_EXIT, runSavedRequest, type RunContext } from './run/run-request.js';
import { FileSecretStore, type SecretStore } from './variables/secret-store.js';
import { openWorkspace } from './workspace.js';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunCommandOptions {
  /** Environment name (`--env`). */
  env?: string;
  /** Where secrets come from; by default the encrypted file in the data dir (see data-dir.ts). */
  secrets?: SecretStore;
  /** Default 10 s, as grpcurl's -connect-timeout. */
  connectTimeoutMs?: number;
  /** Append each call to the workspace history (default true). */
  recordHistory?: boolean;
  /** Aborted on Ctrl-C: the call in flight is cancelled, nothing more runs, exit 130. */
  signal?: AbortSignal;
  /** Response text as it arrives, for printing a stream live (the result still holds all output). */
  onStdout?: (text: string) => void;
}

function errorResult(error: unknown): CommandResult {
  return {
    exitCode: 1,
    stdout: '',
    stderr: `gwb: ${error instanceof Error ? error.message : String(error)}\n`,
  };
}

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

/** `gwb collection ls`: the tree, a broken file shown with its error (exit 0: the rest is listed). */
export function collectionLs(workspaceDir: string): CommandResult {
  try {
    const tree = openWorkspace(workspaceDir).list();
    const lines = treeLines(tree, '');
    return {
      exitCode: 0,
      stdout: lines.length > 0 ? `${lines.join('\n')}\n` : '(no collections)\n',
      stderr: '',
    };
  } catch (error) {
    return errorResult(error);
  }
}

function defaultSecrets(workspaceId: string): SecretStore {
  const { file, keyFile } = defaultSecretPaths(defaultDataDir());
  return new FileSecretStore({ file, keyFile, namespace: workspaceId });
}

async function withContext<T>(
  workspaceDir: string,
  opts: RunCommandOptions,
  body: (ctx: RunContext) => Promise<T>,
): Promise<T> {
  const probe = openWorkspace(workspaceDir);
  const workspace = openWorkspace(workspaceDir, {
    secrets: opts.secrets ?? defaultSecrets(probe.id),
  });
  const pool = new ChannelPool();
  try {
    return await body({
      workspace,
      pool,
      ...(opts.env !== undefined ? { environment: opts.env } : {}),
      schemas: new Map(),
      connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
      recordHistory: opts.recordHistory ?? true,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onStdout ? { onStdout: opts.onStdout } : {}),
    });
  } finally {
    pool.close();
  }
}

/** `gwb request run COLLECTION/PATH`: prints like a call; exit 0, 1 (before the call), or 64 + status code. */
export async function requestRun(
  workspaceDir: string,
  requestPath: string,
  opts: RunCommandOptions = {},
): Promise<CommandResult> {
  try {
    return await withContext(workspaceDir, opts, async (ctx) => {
      if (opts.env !== undefined) ctx.workspace.environments.read(opts.env);
      const { exitCode, stdout, stderr } = await runSavedRequest(ctx, requestPath);
      return { exitCode, stdout, stderr };
    });
  } catch (error) {
    return errorResult(error);
  }
}

export interface RunCollectionOptions extends RunCommandOptions {
  reporter?: Reporter;
}

/** `gwb run COLLECTION`: every saved request in tree order; exit 1 when any failed. */
export async function runCollection(
  workspaceDir: string,
  collection: string,
  opts: RunCollectionOptions = {},
): Promise<CommandResult> {
  try {
    return await withContext(workspaceDir, opts, async (ctx) => {
      if (opts.env !== undefined) ctx.workspace.environments.read(opts.env);
      const paths = ctx.workspace.requestsUnder(collection);
      const results: CollectionResult[] = [];
      for (const path of paths) {
        if (opts.signal?.aborted) break;
        results.push({ path, outcome: await runSavedRequest(ctx, path) });
      }
      if (opts.signal?.aborted) {
        const text = textReport(results);
        return { exitCode: INTERRUPTED_EXIT, stdout: text.stdout, stderr: text.stderr };
      }
      const failed = results.some((r) => r.outcome.exitCode !== 0) || results.length === 0;
      const exitCode = failed ? 1 : 0;
      if (opts.reporter === 'junit')
        return { exitCode, stdout: junitReport(collection, results), stderr: '' };
      if (opts.reporter === 'json')
        return { exitCode, stdout: jsonReport(collection, results), stderr: '' };
      const text = textReport(results);
      return {
        exitCode,
        stdout: text.stdout,
        stderr:
          results.length === 0
            ? `gwb: collection ${collection} has no saved requests\n`
            : text.stderr,
      };
    });
  } catch (error) {
    return errorResult(error);
  }
}
