// The workspace commands over main/workspace: saved requests, folders, environments, secrets,
// history, import/export, and `request.start` (a template sent with an environment's values,
// substituted here so secret values never reach a client).
import type { CallEvent } from '../../shared/calls/events.js';
import {
  CommandError,
  type Emit,
  type Handlers,
  type Output,
  type ParsedInput,
} from '../../shared/contract/index.js';
import type { workspaceCommands } from '../../shared/contract/workspace-commands.js';
import type { HistoryEntry } from '../../shared/workspace/history.js';
import type { Environment } from '../../shared/workspace/environment.js';
import type { SavedRequest } from '../../shared/workspace/saved-request.js';
import {
  describeUnknown,
  exportCollection,
  importCollection,
  parseGrpcurl,
  redactSecrets,
  withWorkspacePaths,
  WorkspaceError,
  type Workspace,
} from '../workspace/index.js';
import { findMethod } from './calls.js';
import type { SchemaStore } from './schemas.js';
import { callInputFromSaved, outcomeOf, savedFromCallInput } from './workspace-convert.js';
import { withWorkspaceErrors } from './workspace-errors.js';
import { createWorkspaceState, type HostSecretKey } from './workspace-state.js';

export type WorkspaceCommandName = keyof typeof workspaceCommands;
export type WorkspaceHandlers = { [N in WorkspaceCommandName]: Handlers[N] };

export interface WorkspaceEngineDeps {
  dataDir: string;
  emit: Emit;
  schemas: SchemaStore;
  /** The call registry's operations (late-bound: the registry is built after this). */
  startCall(input: ParsedInput<'call.start'>): Output<'call.start'>;
  sendMessage(input: ParsedInput<'call.send'>): unknown;
  /** Where the host keeps the secrets key, if not in a key file in the data dir. */
  secretKey?: HostSecretKey;
}

export interface WorkspaceEngine {
  handlers: WorkspaceHandlers;
  /** Called by the call registry once a call's log has ended: appends it to history. */
  onCallEnded(callId: string, input: ParsedInput<'call.start'>, events: readonly CallEvent[]): void;
  close(): void;
}

interface Template {
  request: SavedRequest;
  requestPath?: string;
  environment?: string;
  secrets: Map<string, string>;
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
  const templates = new Map<string, Template>();
  const ws = (): Workspace => state.current();

  async function environmentView(name: string): Promise<Output<'environment.read'>> {
    const env = ws().environments.read(name);
    const isSet = new Set<string>();
    for (const v of env.variables)
      if (v.secret && (await state.secrets().get(name, v.name)) !== undefined) isSet.add(v.name);
    return viewOf(env, isSet);
  }

  function withSource(
    request: SavedRequest,
    source: ParsedInput<'request.save'>['schemaSource'],
  ): SavedRequest {
    if (source === undefined) return request;
    return { ...request, schemaSource: ws().schemaSources.addOrReuse(source).id };
  }

  function environmentOf(input: { environment?: string | null | undefined }): string | undefined {
    const name = input.environment === undefined ? state.selected : input.environment;
    return name ?? undefined;
  }

  const handlers: WorkspaceHandlers = {
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
    'request.read': (input) => {
      const request = ws().readRequest(input.path);
      if (request.schemaSource === undefined) return { path: input.path, request };
      try {
        const source = withWorkspacePaths(ws().dir, ws().schemaSources.get(request.schemaSource));
        return { path: input.path, request, schemaSource: source };
      } catch (error) {
        // The request itself is fine and must still open; the caller says why its schema cannot load.
        return { path: input.path, request, schemaSourceError: (error as Error).message };
      }
    },
    'request.save': (input) => {
      const parent = input.path.split('/').slice(0, -1).join('/');
      if (parent !== '') ws().createFolder(parent);
      return {
        path: input.path,
        request: ws().saveRequest(input.path, withSource(input.request, input.schemaSource)),
      };
    },
    'request.saveAs': (input) => {
      const target = joinPath(input.folder, input.name);
      const exists = (() => {
        try {
          ws().readRequest(target);
          return true;
        } catch (error) {
          return !(error instanceof WorkspaceError && error.code === 'ENOENT');
        }
      })();
      if (exists && !input.overwrite)
        throw new CommandError(
          'invalid_input',
          `a request named "${input.name}" already exists in ${input.folder}`,
          { path: target },
        );
      ws().createFolder(input.folder);
      return {
        path: target,
        request: ws().saveRequest(
          target,
          withSource({ ...input.request, name: input.name }, input.schemaSource),
        ),
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
      try {
        ws().readRequest(input.path);
        throw new CommandError('invalid_input', `a request already exists at ${input.path}`, {
          path: input.path,
        });
      } catch (error) {
        if (!(error instanceof WorkspaceError && error.code === 'ENOENT')) throw error;
      }
      const parent = input.path.split('/').slice(0, -1).join('/');
      ws().createFolder(parent);
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
      const parsed = parseGrpcurl(input.command);
      let request = parsed.request;
      if (parsed.schemaSource)
        request = {
          ...request,
          schemaSource: ws().schemaSources.addOrReuse(parsed.schemaSource).id,
        };
      return { request, ignored: parsed.ignored };
    },
    'export.collection': (input) => ({ text: exportCollection(ws(), input.collection) }),
    'import.collection': (input) =>
      importCollection(
        ws(),
        input.text,
        input.asName !== undefined ? { asName: input.asName } : {},
      ),
    'workspace.prepare': async (input) => {
      const env = environmentOf(input);
      const prepared = await ws().prepare(input.request, env);
      return {
        request: redactSecrets(prepared.request, prepared.secrets),
        unknown: prepared.unknown,
      };
    },
    'workspace.staleRequests': (input) => ({
      stale: ws().flagStaleRequests(deps.schemas.get(input.schemaId).model),
    }),
    'request.start': async (input) => {
      const env = environmentOf(input);
      const prepared = await ws().prepare(input.request, env);
      if (prepared.unknown.length > 0)
        throw new CommandError(
          'invalid_input',
          `${describeUnknown(prepared.unknown)}${env === undefined ? ' (no environment selected)' : ` (environment "${env}")`}`,
          {
            unknown: prepared.unknown,
          },
        );
      const method = findMethod(deps.schemas.get(input.schemaId).model, prepared.request.method);
      const callInput = callInputFromSaved(
        ws().dir,
        input.schemaId,
        prepared.request,
        input.keepRaw,
      );
      const { callId } = deps.startCall(
        input.record === undefined ? callInput : { ...callInput, record: input.record },
      );
      templates.set(callId, {
        request: input.request,
        secrets: prepared.secrets,
        ...(input.requestPath !== undefined ? { requestPath: input.requestPath } : {}),
        ...(env !== undefined ? { environment: env } : {}),
      });
      if (method.kind === 'client_stream' || method.kind === 'bidi_stream') {
        const body = prepared.request.body;
        for (const message of Array.isArray(body) ? body : [body])
          deps.sendMessage({ callId, message });
      }
      return { callId };
    },
  };

  return {
    handlers: withWorkspaceErrors(handlers),
    onCallEnded(callId, input, events) {
      const template = templates.get(callId);
      templates.delete(callId);
      try {
        const { status, durationMs } = outcomeOf(events);
        ws().history.append({
          request: template?.request ?? savedFromCallInput(input),
          ...(template?.requestPath !== undefined ? { requestPath: template.requestPath } : {}),
          ...(template?.environment !== undefined ? { environment: template.environment } : {}),
          status,
          durationMs,
          events,
          ...(template ? { secrets: template.secrets } : {}),
        });
        deps.emit('workspace.changed', { paths: ['history'] });
      } catch {
        // History is a convenience: a full disk or a broken workspace must not fail the call.
      }
    },
    close() {
      state.close();
      templates.clear();
    },
  };
}
