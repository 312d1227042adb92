// Schemas belong to tabs: each tab's draft names its source (reflection on its own connection,
// proto files or a descriptor set), `schema.load` loads it once per source in the engine, and the
// models are kept here by schema id so tabs of the same source share one. Loading a tab's schema
// touches no other tab.
import type { StateCreator } from 'zustand';
import type { JsonValue } from '../../shared/calls/events.js';
import type { ChannelState } from '../../shared/contract/types.js';
import type { RequestDocument } from '../../shared/request/index.js';
import { plaintextConnection, targetOf } from '../../shared/request/targets.js';
import { errorMessage } from '../api/client.js';
import {
  schemaFailureHeadline,
  schemaFailureOf,
  type SchemaFailure,
} from '../errors/schemaFailure.js';
import { normalizeSchema } from '../form/normalizeSchema.js';
import { replaceTab, type Tab } from './tab.js';
import { tabById } from './selectors.js';
import type { LoadedSchema, StoreDeps, WorkbenchState } from './types.js';
import { rememberedPort } from '../layout/ports.js';
import type { DroppedFile } from '../../shared/contract/schema-contents.js';
import { withDroppedSchema } from '../drop/withDroppedSchema.js';

export interface SchemasSlice {
  /** Loaded schemas by id; a tab points at one with `schemaId`. */
  schemas: Record<string, LoadedSchema>;
  /** Why a tab's last schema load failed, by tab id; gone once a load of that tab succeeds. */
  schemaFailures: Record<string, SchemaFailure>;
  /** Channel connectivity by target (`host:port`), as the engine reports it. */
  channelStates: Record<string, ChannelState>;
  /** Loads the schema of a tab's source (default: the active tab); `reload` reads it again. */
  loadSchema: (tabId?: string, options?: { reload?: boolean }) => Promise<void>;
  /**
   * Loads files dropped on the window (their contents) and shows their schema in a tab; throws
   * what the engine said. The tab's draft is left as it was (renderer/drop/droppedRecord.ts).
   * Undefined when a later load of that tab (its own source, another drop) came first: nothing shown.
   */
  loadDroppedSchema: (tabId: string, files: DroppedFile[]) => Promise<LoadedSchema | undefined>;
  /** Starts the demo server and points the active tab at it. */
  startDemo: () => Promise<void>;
  refreshChannel: (tabId?: string, connect?: boolean) => Promise<void>;
  setChannelState: (target: string, state: ChannelState) => void;
  /** The engine's example JSON for a message type of a tab's schema. */
  fetchTemplate: (tabId: string, typeName: string) => Promise<JsonValue>;
}

type SourceOf = Pick<RequestDocument, 'schema' | 'connection' | 'auth'> & {
  /** The saved request's path: reflection authenticates with its auth or its folders'. */
  requestPath?: string;
};

/** Two drafts with equal sources and connections load the same schema. */
const loadKey = (d: SourceOf): string => JSON.stringify([d.schema ?? null, d.connection]);

/**
 * The store after `tab` got `loaded`. A reload replaces the source's schema in the engine (the
 * old id is dropped there), so the other tabs of the same source move to the new one with it;
 * tabs of other sources are left alone. A model no tab uses any more is let go.
 */
export function followReload(
  s: Pick<WorkbenchState, 'tabs' | 'schemas'>,
  tab: Tab,
  loaded: LoadedSchema,
): Pick<WorkbenchState, 'tabs' | 'schemas'> {
  const id = loaded.summary.schemaId;
  const oldId = s.tabs.find((t) => t.id === tab.id)?.schemaId ?? null;
  const key = loadKey(tab.draft);
  const follows = (t: Tab): boolean =>
    t.id === tab.id ||
    (oldId !== null && oldId !== id && t.schemaId === oldId && loadKey(t.draft) === key);
  const tabs = s.tabs.map((t) =>
    follows(t) ? { ...t, schemaId: id, schemaStatus: 'ready' as const, schemaError: null } : t,
  );
  const schemas = { ...s.schemas, [id]: loaded };
  if (oldId !== null && oldId !== id && !tabs.some((t) => t.schemaId === oldId))
    delete schemas[oldId];
  return { tabs, schemas };
}

/**
 * The store after a load of `tabId` failed. The tab lets go of the schema it had: it may be
 * another server's (the address changed) or an old version of this one, and a tree and form that
 * go on showing it would pretend it is what this server serves — the way a Postman or Kreya user
 * reads a method list. The request itself (method, messages, metadata) stays in the draft, so
 * nothing typed is lost, and Retry brings the form back. A model no tab uses any more is let go.
 */
export function dropFailedSchema(
  s: Pick<WorkbenchState, 'tabs' | 'schemas' | 'schemaFailures'>,
  tabId: string,
  failure: SchemaFailure,
): Pick<WorkbenchState, 'tabs' | 'schemas' | 'schemaFailures'> {
  const oldId = s.tabs.find((t) => t.id === tabId)?.schemaId ?? null;
  const tabs = replaceTab(s.tabs, tabId, (t) => ({
    ...t,
    schemaId: null,
    schemaStatus: 'error' as const,
    schemaError: schemaFailureHeadline(failure),
  }));
  const schemas = { ...s.schemas };
  if (oldId !== null && !tabs.some((t) => t.schemaId === oldId)) delete schemas[oldId];
  return { tabs, schemas, schemaFailures: { ...s.schemaFailures, [tabId]: failure } };
}

/** Without the failure of `tabId` (its cause is fixed: a load succeeded). */
function withoutFailure(
  failures: Record<string, SchemaFailure>,
  tabId: string,
): Record<string, SchemaFailure> {
  if (!(tabId in failures)) return failures;
  const { [tabId]: _fixed, ...rest } = failures;
  return rest;
}

export const createSchemasSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], SchemasSlice> =>
  (set, get) => {
    /** Per tab, the newest load: an older answer arriving late must not win. */
    const generations = new Map<string, number>();
    /** Loads in flight by source, so tabs restored together ask the engine once. */
    const inFlight = new Map<string, Promise<LoadedSchema>>();
    const patchTab = (id: string, patch: Partial<Tab>): void =>
      set((s) => ({ tabs: replaceTab(s.tabs, id, (t) => ({ ...t, ...patch })) }));

    const fetchModel = async (d: SourceOf, reload: boolean): Promise<LoadedSchema> => {
      if (!d.schema && d.connection.address.trim() === '')
        throw new Error('Enter the server address to load its schema by reflection');
      const summary = await deps.client.invoke('schema.load', {
        ...(d.schema ? { source: d.schema } : {}),
        connection: d.connection,
        reload,
        ...(d.auth ? { auth: d.auth } : {}),
        ...(d.requestPath !== undefined ? { requestPath: d.requestPath } : {}),
      });
      const known = get().schemas[summary.schemaId];
      if (known && known.summary.loadedAt === summary.loadedAt) return known;
      const { model } = await deps.client.invoke('schema.get', { schemaId: summary.schemaId });
      return { summary, model: normalizeSchema(model) };
    };
    const load = (d: SourceOf, reload: boolean): Promise<LoadedSchema> => {
      const key = loadKey(d);
      const pending = inFlight.get(key);
      if (pending && !reload) return pending;
      const p = fetchModel(d, reload).finally(() => {
        if (inFlight.get(key) === p) inFlight.delete(key);
      });
      inFlight.set(key, p);
      return p;
    };

    return {
      schemas: {},
      schemaFailures: {},
      channelStates: {},
      loadSchema: async (tabId, options) => {
        const tab = tabById(get(), tabId ?? get().activeTabId);
        if (!tab) return;
        const generation = (generations.get(tab.id) ?? 0) + 1;
        generations.set(tab.id, generation);
        patchTab(tab.id, { schemaStatus: 'loading', schemaError: null });
        try {
          const loaded = await load(
            { ...tab.draft, ...(tab.savedPath !== null ? { requestPath: tab.savedPath } : {}) },
            options?.reload ?? false,
          );
          if (generations.get(tab.id) !== generation) return;
          set((s) => ({
            ...followReload(s, tab, loaded),
            schemaFailures: withoutFailure(s.schemaFailures, tab.id),
          }));
          void get().refreshChannel(tab.id);
        } catch (e) {
          if (generations.get(tab.id) !== generation) return;
          set((s) => dropFailedSchema(s, tab.id, schemaFailureOf(e, tab.draft)));
          // The status bar must not go on saying "Connected" from before: ask the channel now.
          void get().refreshChannel(tab.id);
        }
      },
      loadDroppedSchema: async (tabId, files) => {
        // Taken now, before the awaits: a load of the tab's own source still in flight must not
        // replace what is dropped, and a later load (reflection, another drop) must not be
        // replaced by this one finishing late.
        const generation = (generations.get(tabId) ?? 0) + 1;
        generations.set(tabId, generation);
        let loaded: LoadedSchema;
        try {
          const summary = await deps.client.invoke('schema.loadContents', { files });
          const { model } = await deps.client.invoke('schema.get', { schemaId: summary.schemaId });
          loaded = { summary, model: normalizeSchema(model) };
        } catch (e) {
          // The load of its own source this drop cut short would leave the tab loading forever.
          const tab = tabById(get(), tabId);
          if (generations.get(tabId) === generation && tab?.schemaStatus === 'loading')
            void get().loadSchema(tabId);
          throw e;
        }
        if (generations.get(tabId) !== generation) return undefined;
        set((s) => withDroppedSchema(s, tabId, loaded));
        return loaded;
      },
      startDemo: async () => {
        const tabId = get().ensureTab();
        try {
          const r = await deps.client.invoke('demo.start', { port: rememberedPort('demo') });
          get().setConnection(plaintextConnection(r.target), tabId);
          get().setSchemaSource(undefined, tabId);
          get().setWelcome(false);
          await get().loadSchema(tabId);
        } catch (e) {
          patchTab(tabId, { schemaStatus: 'error', schemaError: errorMessage(e) });
        }
      },
      refreshChannel: async (tabId, connect = false) => {
        const tab = tabById(get(), tabId ?? get().activeTabId);
        if (!tab || tab.draft.connection.address.trim() === '') return;
        try {
          const r = await deps.client.invoke('channel.state', {
            connection: tab.draft.connection,
            connect,
          });
          get().setChannelState(targetOf(tab.draft.connection), r.state);
        } catch {
          // The status bar then says "not connected"; the next call says why.
        }
      },
      setChannelState: (target, state) =>
        set((s) =>
          s.channelStates[target] === state
            ? s
            : { channelStates: { ...s.channelStates, [target]: state } },
        ),
      fetchTemplate: async (tabId, typeName) => {
        const schemaId = tabById(get(), tabId)?.schemaId;
        if (!schemaId) throw new Error('no schema loaded');
        const r = await deps.client.invoke('schema.template', { schemaId, typeName });
        return r.template as JsonValue;
      },
    };
  };
