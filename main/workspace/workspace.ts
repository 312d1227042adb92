import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SchemaModel } from '../../shared/schema/model.js';
import type { SavedRequest, SavedRequestInput } from '../../shared/workspace/saved-request.js';
import type { FolderNode } from '../../shared/workspace/tree.js';
import { Environments, ENVIRONMENTS_DIR } from './environments.js';
import { STALE_TEMP_MS, sweepDir } from './store/sweep.js';
import { HISTORY_DIR, HistoryStore, type HistoryLimits } from './history/history-store.js';
import * as items from './items.js';
import { COLLECTIONS_DIR, requestFilePath } from './request-files.js';
import { flagStaleRequests, type StaleRequest } from './schema-check.js';
import { WorkspaceError } from './store/workspace-error.js';
import { listTree, requestPathsUnder } from './tree.js';
import {
  substituteRequest,
  makeLookup,
  type PreparedRequest,
} from './variables/substitute-request.js';
import type { SecretStore } from './variables/secret-store.js';
import { loadWorkspaceFile, SchemaSources } from './workspace-file.js';
import { watchWorkspace, type WorkspaceChange, type WatchOptions } from './watch.js';

export interface OpenWorkspaceOptions {
  /** Where secret variable values live (outside the workspace). Without one, secrets are unavailable. */
  secrets?: SecretStore;
  history?: HistoryLimits;
  /** Temp files left by a killed writer are removed once this old (default 60 s). */
  staleTempMs?: number;
}

/** How long after our own write an fs.watch event for that file is taken to be ours. */
const OWN_WRITE_MS = 1000;

/** One opened workspace folder. Every method works on the files directly; nothing is cached, so outside edits are always seen. */
export class Workspace {
  readonly environments: Environments;
  readonly history: HistoryStore;
  readonly schemaSources: SchemaSources;
  private readonly ownWrites = new Map<string, number>();
  private readonly staleTempMs: number;

  constructor(
    readonly dir: string,
    readonly id: string,
    opts: OpenWorkspaceOptions,
    /** Files that stop part of the workspace from working (e.g. a broken workspace.json), with the reason. */
    readonly problems: readonly string[] = [],
  ) {
    this.environments = new Environments(dir, opts.secrets);
    this.history = new HistoryStore(dir, opts.history);
    this.schemaSources = new SchemaSources(dir);
    this.staleTempMs = opts.staleTempMs ?? STALE_TEMP_MS;
    for (const sub of ['', ENVIRONMENTS_DIR, HISTORY_DIR])
      sweepDir(path.join(dir, sub), this.staleTempMs);
  }

  list(): FolderNode[] {
    return listTree(this.dir, this.staleTempMs);
  }

  readRequest(requestPath: string): SavedRequest {
    return items.readRequest(this.dir, requestPath);
  }

  saveRequest(requestPath: string, request: SavedRequestInput | SavedRequest): SavedRequest {
    this.markOwn(requestFilePath(this.dir, requestPath));
    return items.saveRequest(this.dir, requestPath, request);
  }

  renameRequest(requestPath: string, newName: string): string {
    return items.renameRequest(this.dir, requestPath, newName);
  }

  duplicateRequest(requestPath: string, newName?: string): string {
    return items.duplicateRequest(this.dir, requestPath, newName);
  }

  moveRequest(requestPath: string, toFolder: string): string {
    return items.moveRequest(this.dir, requestPath, toFolder);
  }

  deleteRequest(requestPath: string): SavedRequest | undefined {
    return items.deleteRequest(this.dir, requestPath);
  }

  createFolder(folderPath: string): void {
    items.createFolder(this.dir, folderPath);
  }

  renameFolder(folderPath: string, newName: string): string {
    return items.renameFolder(this.dir, folderPath, newName);
  }

  moveFolder(folderPath: string, toParent: string): string {
    return items.moveFolder(this.dir, folderPath, toParent);
  }

  duplicateFolder(folderPath: string, newName?: string): string {
    return items.duplicateFolder(this.dir, folderPath, newName);
  }

  deleteFolder(folderPath: string): void {
    items.deleteFolder(this.dir, folderPath);
  }

  /** Request paths of a collection or folder, in tree order (folders first, then by name). */
  requestsUnder(folderPath: string): string[] {
    const parts = folderPath.split('/').filter((p) => p !== '');
    let nodes: readonly FolderNode['children'][number][] = this.list();
    for (const part of parts) {
      const next = nodes.find((n) => n.kind !== 'request' && n.name === part);
      if (!next || next.kind === 'request')
        throw new WorkspaceError(`no collection or folder ${folderPath}`, 'ENOENT');
      nodes = next.children;
    }
    return requestPathsUnder(nodes).map((n) => n.path);
  }

  /** Substitutes an environment's variables (secrets included) into a request; unknown names are reported, not sent. */
  async prepare(
    request: SavedRequest,
    environment?: string,
  ): Promise<PreparedRequest & { secrets: Map<string, string> }> {
    const resolved =
      environment === undefined
        ? { values: new Map<string, string>(), secretValues: new Map<string, string>() }
        : await this.environments.resolve(environment);
    return {
      ...substituteRequest(request, makeLookup(resolved.values)),
      secrets: resolved.secretValues,
    };
  }

  /** Saved requests of this workspace (optionally of one schema source) that no longer fit a reloaded schema. */
  flagStaleRequests(model: SchemaModel, schemaSource?: string): StaleRequest[] {
    const requests: { path: string; request: SavedRequest }[] = [];
    for (const node of requestPathsUnder(this.list())) {
      if (node.error !== undefined) continue;
      const request = this.readRequest(node.path);
      if (schemaSource === undefined || request.schemaSource === schemaSource)
        requests.push({ path: node.path, request });
    }
    return flagStaleRequests(model, requests);
  }

  /** Calls back (debounced) when files change outside this process. Returns a stop function. */
  watch(
    onChange: (change: WorkspaceChange) => void,
    opts: Omit<WatchOptions, 'isOwnWrite'> = {},
  ): () => void {
    return watchWorkspace(this.dir, onChange, { ...opts, isOwnWrite: (rel) => this.isOwn(rel) });
  }

  private markOwn(file: string): void {
    this.ownWrites.set(
      path.relative(this.dir, file).split(path.sep).join('/'),
      Date.now() + OWN_WRITE_MS,
    );
  }

  private isOwn(rel: string): boolean {
    const until = this.ownWrites.get(rel);
    if (until === undefined) return false;
    if (until < Date.now()) {
      this.ownWrites.delete(rel);
      return false;
    }
    return true;
  }
}

/** Opens (creating when needed) a workspace folder. */
export function openWorkspace(dir: string, opts: OpenWorkspaceOptions = {}): Workspace {
  const root = path.resolve(dir);
  if (existsSync(root) && !statSync(root).isDirectory())
    throw new WorkspaceError(`${root} is not a folder`, 'ENOTDIR');
  mkdirSync(path.join(root, COLLECTIONS_DIR), { recursive: true });
  try {
    return new Workspace(root, loadWorkspaceFile(root).id, opts);
  } catch (error) {
    if (!(error instanceof WorkspaceError) || error.code !== 'ECORRUPT') throw error;
    // A hand-broken workspace.json must not lock the user out of their requests: open anyway,
    // report it, and leave the file as it is for them to fix. Schema source calls keep failing
    // with the same message; secrets use a fallback namespace until the id is readable again.
    const id = `unreadable-${createHash('sha256').update(root).digest('hex').slice(0, 16)}`;
    return new Workspace(root, id, opts, [error.message]);
  }
}
