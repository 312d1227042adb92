import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
import type { RequestDocument } from '../../shared/request/document.js';
import type { SchemaModel } from '../../shared/schema/model.js';
import type { SavedRequest } from '../../shared/workspace/saved-request.js';
import type { FolderNode } from '../../shared/workspace/tree.js';
import { Environments, ENVIRONMENTS_DIR } from './environments.js';
import { STALE_TEMP_MS, sweepDir } from './store/sweep.js';
import { HISTORY_DIR, HistoryStore, type HistoryLimits } from './history/history-store.js';
import * as items from './items.js';
import {
  COLLECTIONS_DIR,
  folderDirPath,
  readSharedSavedRequest,
  requestFilePath,
  requestNodeOf,
} from './request-files.js';
import { flagStaleRequests, type StaleRequest } from './schema-check.js';
import { WorkspaceError } from './store/workspace-error.js';
import {
  listFolder,
  listTree,
  requestPathsOf,
  readAllRequests,
  readRequestNode,
  requestPathsUnder,
} from './tree.js';
import {
  substituteWithSecrets,
  makeLookup,
  type PreparedRequest,
} from './variables/substitute-request.js';
import type { SecretStore } from './variables/secret-store.js';
import { layerCaptured, type CapturedVariables } from './variables/captured.js';
import { loadWorkspaceFile } from './workspace-file.js';
import { watchWorkspace, type WatchOptions } from './watch.js';

export interface OpenWorkspaceOptions {
  /** Where secret variable values live (outside the workspace). Without one, secrets are unavailable. */
  secrets?: SecretStore;
  history?: HistoryLimits;
  /** Temp files left by a killed writer are removed once this old (default 60 s). */
  staleTempMs?: number;
  /**
   * Told what each operation of this workspace changed, as it happens (the engine emits these as
   * `workspace.changed` with origin 'app'). Without it, no tree nodes are built for it.
   */
  onChange?: (changes: WorkspaceChange[]) => void;
}

/** One opened workspace folder. Every method works on the files directly; nothing is cached, so outside edits are always seen. */
export class Workspace {
  readonly environments: Environments;
  readonly history: HistoryStore;
  private readonly staleTempMs: number;
  private readonly onChange: ((changes: WorkspaceChange[]) => void) | undefined;

  constructor(
    readonly dir: string,
    readonly id: string,
    opts: OpenWorkspaceOptions,
    /** Files that stop part of the workspace from working (e.g. a broken workspace.json), with the reason. */
    readonly problems: readonly string[] = [],
  ) {
    this.onChange = opts.onChange;
    this.environments = new Environments(dir, opts.secrets, (name, deleted) =>
      this.changed(() => [{ kind: 'environment.changed', name, deleted }]),
    );
    this.history = new HistoryStore(dir, opts.history, () =>
      this.changed(() => [{ kind: 'history.changed' }]),
    );
    this.staleTempMs = opts.staleTempMs ?? STALE_TEMP_MS;
    for (const sub of ['', ENVIRONMENTS_DIR, HISTORY_DIR])
      sweepDir(path.join(dir, sub), this.staleTempMs);
  }

  /** Changes held back while a batch runs, to be reported as one. */
  private held: WorkspaceChange[] | undefined;

  /** Reports changes to the listener; `describe` runs only when there is one (it may read files). */
  private changed(describe: () => WorkspaceChange[]): void {
    if (!this.onChange) return;
    if (this.held) this.held.push(...describe());
    else this.onChange(describe());
  }

  /** Runs `work`, reporting everything it changed as one list (an import: one event, not thousands). */
  batch<T>(work: () => T): T {
    if (this.held) return work();
    this.held = [];
    try {
      return work();
    } finally {
      const changes = this.held;
      this.held = undefined;
      if (changes.length > 0) this.onChange?.(changes);
    }
  }

  list(): FolderNode[] {
    return listTree(this.dir, this.staleTempMs);
  }

  /** The request paths of a run's target in tree order, from folder listings alone (tree.ts). */
  requestPathsOf(target: string): string[] | undefined {
    return requestPathsOf(this.dir, target);
  }

  /** One collection or folder with everything under it. */
  listFolder(folderPath: string): FolderNode {
    return listFolder(this.dir, folderPath, this.staleTempMs);
  }

  readRequest(requestPath: string): SavedRequest {
    return items.readRequest(this.dir, requestPath);
  }

  /** readRequest without a copy of its own: to look at, never to change (a run's requests). */
  readRequestShared(requestPath: string): Readonly<SavedRequest> {
    return readSharedSavedRequest(this.dir, requestPath);
  }

  hasRequest(requestPath: string): boolean {
    return existsSync(requestFilePath(this.dir, requestPath));
  }

  hasFolder(folderPath: string): boolean {
    const dir = folderDirPath(this.dir, folderPath);
    return existsSync(dir) && statSync(dir).isDirectory();
  }

  /** Checks and writes the request; reads nothing. */
  saveRequest(requestPath: string, request: RequestDocument | SavedRequest): SavedRequest {
    const saved = items.saveRequest(this.dir, requestPath, request);
    this.changed(() => [
      { kind: 'request.saved', path: requestPath, node: requestNodeOf(requestPath, saved) },
    ]);
    return saved;
  }

  renameRequest(requestPath: string, newName: string): string {
    const renamed = items.renameRequest(this.dir, requestPath, newName);
    if (renamed.path !== requestPath)
      this.changed(() => [
        {
          kind: 'moved',
          from: requestPath,
          to: renamed.path,
          node: requestNodeOf(renamed.path, renamed.request),
        },
      ]);
    return renamed.path;
  }

  duplicateRequest(requestPath: string, newName?: string): string {
    const copy = items.duplicateRequest(this.dir, requestPath, newName);
    this.changed(() => [
      { kind: 'request.saved', path: copy.path, node: requestNodeOf(copy.path, copy.request) },
    ]);
    return copy.path;
  }

  moveRequest(requestPath: string, toFolder: string): string {
    const to = items.moveRequest(this.dir, requestPath, toFolder);
    if (to !== requestPath)
      this.changed(() => [
        {
          kind: 'moved',
          from: requestPath,
          to,
          node: readRequestNode(this.dir, requestFilePath(this.dir, to), to),
        },
      ]);
    return to;
  }

  deleteRequest(requestPath: string): SavedRequest | undefined {
    const deleted = items.deleteRequest(this.dir, requestPath);
    this.changed(() => [{ kind: 'request.deleted', path: requestPath }]);
    return deleted;
  }

  /** Creates the folder and any missing parent; nothing happens when it exists. */
  createFolder(folderPath: string): void {
    const top = items.createFolder(this.dir, folderPath);
    if (top === undefined) return;
    this.changed(() => [
      { kind: 'folder.created', path: top, node: emptyFolders(top, folderPath) },
    ]);
  }

  renameFolder(folderPath: string, newName: string): string {
    return this.folderMoved(folderPath, items.renameFolder(this.dir, folderPath, newName));
  }

  moveFolder(folderPath: string, toParent: string): string {
    return this.folderMoved(folderPath, items.moveFolder(this.dir, folderPath, toParent));
  }

  private folderMoved(from: string, to: string): string {
    if (to !== from) this.changed(() => [{ kind: 'moved', from, to, node: this.listFolder(to) }]);
    return to;
  }

  duplicateFolder(folderPath: string, newName?: string): string {
    const copy = items.duplicateFolder(this.dir, folderPath, newName);
    this.changed(() => [{ kind: 'folder.created', path: copy, node: this.listFolder(copy) }]);
    return copy;
  }

  deleteFolder(folderPath: string): void {
    items.deleteFolder(this.dir, folderPath);
    this.changed(() => [{ kind: 'folder.deleted', path: folderPath }]);
  }

  /** Request paths of a collection or folder, in tree order (folders first, then by name). */
  requestsUnder(folderPath: string): string[] {
    if (!this.hasFolder(folderPath))
      throw new WorkspaceError(`no collection or folder ${folderPath}`, 'ENOENT');
    return requestPathsUnder(this.listFolder(folderPath).children).map((n) => n.path);
  }

  /** Substitutes an environment's variables (secrets included) into a request; unknown names are reported, not sent. */
  async prepare(
    request: RequestDocument,
    environment?: string,
    /** Values captured by earlier calls, over the environment's (variables/captured.ts). */
    captured?: CapturedVariables,
  ): Promise<PreparedRequest & { secrets: Map<string, string> }> {
    const resolved = layerCaptured(
      environment === undefined
        ? { values: new Map<string, string>(), secretValues: new Map<string, string>() }
        : await this.environments.resolve(environment),
      captured,
    );
    return substituteWithSecrets(request, makeLookup(resolved.values), resolved.secretValues);
  }

  /**
   * Saved requests that no longer fit a reloaded schema: those `belongs` picks (default: all),
   * each file read once. Nothing is changed.
   */
  flagStaleRequests(
    model: SchemaModel,
    belongs: (request: SavedRequest) => boolean = () => true,
  ): StaleRequest[] {
    const requests = readAllRequests(this.dir)
      .filter((r) => belongs(r.request))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return flagStaleRequests(model, requests);
  }

  /** Calls back (debounced) with what changed outside this process. Returns a stop function. */
  watch(onChanges: (changes: WorkspaceChange[]) => void, opts: WatchOptions = {}): () => void {
    return watchWorkspace(this.dir, onChanges, opts);
  }
}

/** The node of new, empty folders from `top` down to `folderPath` (`a` → `a/b/c`). */
function emptyFolders(top: string, folderPath: string): FolderNode {
  const parts = folderPath.split('/');
  let node: FolderNode | undefined;
  for (let depth = parts.length; depth >= top.split('/').length; depth--) {
    node = {
      kind: depth === 1 ? 'collection' : 'folder',
      name: parts[depth - 1] ?? '',
      path: parts.slice(0, depth).join('/'),
      children: node ? [node] : [],
    };
  }
  return node ?? { kind: 'folder', name: top, path: top, children: [] };
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
    if (!(error instanceof WorkspaceError) || error.errno !== 'ECORRUPT') throw error;
    // A hand-broken workspace.json must not lock the user out of their requests: open anyway,
    // report it, and leave the file as it is for them to fix. Migrating a format-1 request that
    // names a schema source keeps failing with the same message; secrets use a fallback
    // namespace until the id is readable again.
    const id = `unreadable-${createHash('sha256').update(root).digest('hex').slice(0, 16)}`;
    return new Workspace(root, id, opts, [error.message]);
  }
}
