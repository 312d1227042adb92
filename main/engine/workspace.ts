// The workspace commands over main/workspace: saved requests, folders, environments, secrets,
// history, import/export. It also gives the call path what it needs from the workspace:
// `prepareCall` (a request's variables substituted here, so secret values never reach a client)
// and `historyObserver` (the ended call appended to history as its template).
import { CommandError } from '../../shared/contract/errors.js';
import type { Emit, Handlers, Output } from '../../shared/contract/index.js';
import type { workspaceCommands } from '../../shared/contract/workspace-commands.js';
import type { folderCommands } from '../../shared/contract/folder-commands.js';
import { GrpcurlError, parseGrpcurlCommand } from '../../shared/grpcurl/index.js';
import type { HistoryEntry } from '../../shared/workspace/history.js';
import type { Environment } from '../../shared/workspace/environment.js';
import type { SavedRequest } from '../../shared/workspace/saved-request.js';
import {
  defaultWorkspaceDir,
  exportCollection,
  importCollection,
  makeLookup,
  type Workspace,
} from '../workspace/index.js';
import { substituteWithSecrets } from '../workspace/variables/substitute-request.js';
import { maskedRequest } from '../workspace/variables/masked-request.js';
import { createSecretMask } from '../calls/secret-mask.js';
import type { SchemaModel } from '../../shared/schema/model.js';
import type { CallObserverFactory } from './call-observer.js';
import type { PrepareCall } from './prepare-call.js';
import { historyObserverFor } from './workspace-history.js';
import {
  applyAuth,
  createTokenCache,
  effectiveAuth,
  refuseDuplicateHeader,
} from '../auth/index.js';
import { substituteTexts } from './workspace-auth.js';
import { folderAuthChain, readFolderSettings, saveFolderSettings } from './workspace-folders.js';
import { createWorkspaceState, type HostSecretKey } from './workspace-state.js';
import type { CapturedVariables } from '../workspace/variables/captured.js';
import { requestFilePath } from '../workspace/request-files.js';
import { refuseInvalidChecksOf } from '../checks/load.js';

export type WorkspaceCommandName = keyof typeof workspaceCommands | keyof typeof folderCommands;
export type WorkspaceHandlers = { [N in WorkspaceCommandName]: Handlers[N] };

export interface WorkspaceEngineDeps {
  dataDir: string;
  emit: Emit;
  /** The loaded schemas (`workspace.staleRequests` checks saved requests against one). */
  schemas: { get(schemaId: string): { model: SchemaModel } };
  /**
   * Whether a saved request's schema source is the one `schemaId` was loaded from; absent (or
   * undefined for that schema), every saved request is checked against it.
   */
  loadedFrom?(schemaId: string): ((request: SavedRequest) => boolean) | undefined;
  /** Where the host keeps the secrets key, if not in a key file in the data dir. */
  secretKey?: HostSecretKey;
  /** The session's captured values, used when a call brings no scope of its own. */
  captured?: CapturedVariables;
}

export interface WorkspaceEngine {
  handlers: WorkspaceHandlers;
  /**
   * A request with the variables of an environment substituted (undefined: the selected one;
   * null: none), the secret values it used, the variables that had no value, and the folder
   * relative paths start in. It never throws for unknown variables: the caller decides.
   */
  prepareCall: PrepareCall;
  /** Appends every ended call to the open workspace's history. */
  historyObserver: CallObserverFactory;
  /**
   * A saved request as `request.read` reads it (an invalid expression refused, naming the file),
   * without a copy of its own: to look at, never to change (the runner's requests).
   */
  readRequestShared(requestPath: string): Promise<Readonly<SavedRequest>>;
  /**
   * The open workspace's folder and the request paths of a run's target (a collection, folder or
   * request) in tree order, undefined when there is no such item: from folder listings alone.
   */
  requestPaths(target: string): { dir: string; paths: string[] | undefined };
  /** The open workspace's folder, undefined until one is opened. */
  currentDir(): string | undefined;
  /** Resolves once the open workspace's queued history entries are on disk. */
  flushHistory(): Promise<void>;
  close(): void;
}

function viewOf(env: Environment, isSet: Set<string>): Output<'environment.read'> {
  return {
    name: env.name,
    variables: env.variables.map((v) =>
      v.secret
        ? {
            name: v.name,
            secret: true as const,
            set: isSet.has(v.name),
            enabled: v.enabled !== false,
          }
        : {
            name: v.name,
            secret: false as const,
            value: v.value ?? '',
            enabled: v.enabled !== false,
          },
    ),
  };
}

function summaryOf(e: HistoryEntry): Output<'history.list'>['entries'][number] {
  return {
    id: e.id,
    at: e.at,
    name: e.request.name,
    method: e.request.method,
    address: e.request.connection.address,
    ...(e.requestPath !== undefined ? { requestPath: e.requestPath } : {}),
    ...(e.environment !== undefined ? { environment: e.environment } : {}),
    status: e.status,
    durationMs: e.durationMs,
  };
}

function joinPath(folder: string, name: string): string {
  return `${folder.replace(/\/+$/, '')}/${name}`;
}

export function createWorkspaceEngine(deps: WorkspaceEngineDeps): WorkspaceEngine {
  const state = createWorkspaceState(deps.dataDir, deps.emit, deps.secretKey);
  const ws = (): Workspace => state.current();

  async function environmentView(name: string): Promise<Output<'environment.read'>> {
    const env = ws().environments.read(name);
    const isSet = new Set<string>();
    for (const v of env.variables)
      if (v.secret && (await state.secrets().get(name, v.name)) !== undefined) isSet.add(v.name);
    return viewOf(env, isSet);
  }

  function environmentOf(input: { environment?: string | null | undefined }): string | undefined {
    const name = input.environment === undefined ? state.selected : input.environment;
    return name ?? undefined;
  }

  const tokens = createTokenCache();

  const prepareCall: PrepareCall = async (input) => {
    const environment = environmentOf(input);
    const captured = input.captured ?? deps.captured;
    // A call that takes nothing from a workspace (no environment, not a saved request) opens
    // none: a grpcurl-style gwb call would otherwise create the default workspace in its
    // throwaway data folder (files, fsyncs, a watcher) only to substitute nothing.
    const workspace =
      environment === undefined && input.requestPath === undefined && !state.currentDir()
        ? undefined
        : ws();
    const dir = workspace?.dir ?? defaultWorkspaceDir(deps.dataDir);
    const prepared = workspace
      ? await workspace.prepare(input.request, environment, captured)
      : substituteWithSecrets(
          input.request,
          makeLookup(new Map(captured?.values())),
          new Map(captured?.secrets()),
        );
    const own = input.request.auth;
    // The folders are read only when the request inherits: a broken folder.json up the tree
    // does not stop a request that sets its own auth.
    const inherits = own === undefined || own.type === 'inherit';
    const effective = effectiveAuth(
      own,
      inherits ? folderAuthChain(dir, input.requestPath, input.folders) : [],
    );
    const base = {
      ...(environment !== undefined ? { environment } : {}),
      baseDir: dir,
    };
    // No auth anywhere (most saved requests): nothing to add, the substituted request as it is.
    if (effective.auth.type === 'none')
      return {
        request: prepared.request,
        secrets: prepared.secrets,
        unknown: prepared.unknown,
        ...base,
      };
    const auth = await applyAuth(effective, {
      substitute: (texts) => substituteTexts(ws(), input.request, texts, environment, captured),
      tokens,
      // A check of the variables, or a call refused for an unknown one, fetches no token.
      resolveOnly: input.resolveOnly === true || prepared.unknown.length > 0,
    });
    if (auth.row) refuseDuplicateHeader(prepared.request.metadata, auth.row);
    return {
      request: auth.row
        ? { ...prepared.request, metadata: [...prepared.request.metadata, auth.row] }
        : prepared.request,
      secrets: new Map([...prepared.secrets, ...auth.secrets]),
      unknown: [...prepared.unknown, ...auth.unknown],
      ...base,
    };
  };

  /** A read request, refused when a hand-edited file holds an invalid expression (named). */
  async function checkedRequest<R extends Readonly<SavedRequest>>(
    request: R,
    requestPath: string,
  ): Promise<R> {
    await refuseInvalidChecksOf(request, () => requestFilePath(ws().dir, requestPath));
    return request;
  }

  function parentOf(itemPath: string): string {
    return itemPath.split('/').slice(0, -1).join('/');
  }

  const handlers: WorkspaceHandlers = {
    'folder.readSettings': (input) => ({
      path: input.path,
      settings: readFolderSettings(ws().dir, input.path),
    }),
    'folder.saveSettings': (input) => ({
      path: input.path,
      settings: saveFolderSettings(ws().dir, input.path, input.settings),
    }),
    'workspace.open': (input) => {
      const opened = state.open(input.dir);
      return {
        dir: opened.dir,
        id: opened.id,
        problems: [...opened.problems],
        environment: state.selected,
      };
    },
    'workspace.tree': () => ({ dir: ws().dir, collections: ws().list() }),
    'request.read': async (input) => ({
      path: input.path,
      request: await checkedRequest(ws().readRequest(input.path), input.path),
    }),
    // Saving reads nothing: the document is checked and written, and its tree node announced.
    // An invalid assertion or capture is found now, not when the request runs.
    'request.save': async (input) => {
      await refuseInvalidChecksOf(input.request, requestFilePath(ws().dir, input.path));
      ws().createFolder(parentOf(input.path));
      return { path: input.path, request: ws().saveRequest(input.path, input.request) };
    },
    'request.saveAs': async (input) => {
      const target = joinPath(input.folder, input.name);
      await refuseInvalidChecksOf(input.request, requestFilePath(ws().dir, target));
      if (ws().hasRequest(target) && !input.overwrite)
        throw new CommandError(
          'invalid_input',
          `a request named "${input.name}" already exists in ${input.folder}`,
          { path: target },
        );
      ws().createFolder(input.folder);
      return {
        path: target,
        request: ws().saveRequest(target, { ...input.request, name: input.name }),
      };
    },
    'request.rename': (input) => ({ path: ws().renameRequest(input.path, input.name) }),
    'request.duplicate': (input) => ({ path: ws().duplicateRequest(input.path, input.name) }),
    'request.move': (input) => ({ path: ws().moveRequest(input.path, input.toFolder) }),
    'request.delete': (input) => ({
      path: input.path,
      deleted: ws().deleteRequest(input.path) ?? null,
    }),
    'request.restore': (input) => {
      if (ws().hasRequest(input.path))
        throw new CommandError('invalid_input', `a request already exists at ${input.path}`, {
          path: input.path,
        });
      ws().createFolder(parentOf(input.path));
      ws().saveRequest(input.path, input.request);
      return { path: input.path };
    },
    'folder.create': (input) => {
      ws().createFolder(input.path);
      return { path: input.path };
    },
    'folder.rename': (input) => ({ path: ws().renameFolder(input.path, input.name) }),
    'folder.move': (input) => ({ path: ws().moveFolder(input.path, input.toParent) }),
    'folder.delete': (input) => {
      ws().deleteFolder(input.path);
      return { ok: true };
    },
    'environment.list': () => {
      const environments = ws().environments.list();
      if (state.selected !== null && !environments.some((e) => e.name === state.selected))
        state.selected = null;
      return { environments, selected: state.selected, secretStorage: state.secretStorage };
    },
    'environment.read': (input) => environmentView(input.name),
    'environment.save': async (input) => {
      await ws().environments.save({
        name: input.name,
        variables: input.variables.map((v) => ({
          name: v.name,
          ...(v.value !== undefined ? { value: v.value } : {}),
          ...(v.secret ? { secret: true } : {}),
          ...(v.enabled ? {} : { enabled: false }),
        })),
      });
      return environmentView(input.name);
    },
    'environment.delete': async (input) => {
      await ws().environments.delete(input.name);
      if (state.selected === input.name) state.selected = null;
      return { ok: true };
    },
    'environment.select': (input) => {
      if (input.name !== null) ws().environments.read(input.name);
      state.selected = input.name;
      return { selected: state.selected };
    },
    'secret.set': async (input) => {
      const env = ws().environments.read(input.environment);
      const found = env.variables.some((v) => v.name === input.name);
      const variables = found
        ? env.variables.map((v) =>
            v.name === input.name
              ? {
                  name: v.name,
                  secret: true,
                  value: input.value,
                  ...(v.enabled === false ? { enabled: false } : {}),
                }
              : v,
          )
        : [...env.variables, { name: input.name, secret: true, value: input.value }];
      await ws().environments.save({ name: env.name, variables });
      return { ok: true };
    },
    'history.list': (input) => {
      const listing = ws().history.list({ limit: input.limit, offset: input.offset });
      return { entries: listing.entries.map(summaryOf), errors: listing.errors };
    },
    'history.search': (input) => ({
      entries: ws().history.search(input.query, input.limit).map(summaryOf),
    }),
    'history.get': (input) => ({ entry: ws().history.get(input.id) }),
    'history.clear': () => {
      ws().history.clear();
      return { ok: true };
    },
    'import.grpcurl': (input) => {
      try {
        return parseGrpcurlCommand(input.command);
      } catch (error) {
        if (!(error instanceof GrpcurlError)) throw error;
        throw new CommandError('invalid_input', `import.grpcurl: ${error.message}`, {
          ...(error.flag !== undefined ? { flag: error.flag } : {}),
          ...(error.word !== undefined ? { word: error.word } : {}),
        });
      }
    },
    'export.collection': (input) => ({ text: exportCollection(ws(), input.collection) }),
    'import.collection': (input) =>
      importCollection(
        ws(),
        input.text,
        input.asName !== undefined ? { asName: input.asName } : {},
      ),
    'workspace.prepare': async (input) => {
      // A check of the variables (the UI as you type, gwb before a saved run): no token request.
      const prepared = await prepareCall({ ...input, resolveOnly: true });
      const mask = createSecretMask(prepared.secrets);
      return {
        // Its texts only: a one-letter secret must not turn `plaintext` or a key into another.
        request: mask ? maskedRequest(prepared.request, mask) : prepared.request,
        unknown: prepared.unknown,
      };
    },
    'workspace.staleRequests': (input) => ({
      stale: ws().flagStaleRequests(
        deps.schemas.get(input.schemaId).model,
        deps.loadedFrom?.(input.schemaId),
      ),
    }),
  };

  return {
    handlers,
    prepareCall,
    historyObserver: historyObserverFor(ws),
    // A refused read (a file leading outside) is the promise's, as request.read's is. Not an
    // async function around checkedRequest's promise: a run reads each of hundreds of requests
    // this way, and the extra frame and promise it adopts are main-thread work between calls.
    readRequestShared: (requestPath) => {
      try {
        return checkedRequest(ws().readRequestShared(requestPath), requestPath);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    requestPaths: (target) => ({ dir: ws().dir, paths: ws().requestPathsOf(target) }),
    currentDir: () => state.currentDir(),
    flushHistory: () =>
      state.currentDir() === undefined ? Promise.resolve() : ws().history.flush(),
    close() {
      state.close();
    },
  };
}
