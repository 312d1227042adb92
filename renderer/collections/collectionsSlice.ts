// The workspace's collections tree, which tab is which saved request, and the actions on them
// (save, save as, rename, duplicate, move, delete with undo, import a grpcurl command).
import type { StateCreator } from 'zustand';
import type { SavedRequest } from '../../shared/workspace/saved-request.js';
import type { TreeNode } from '../../shared/workspace/tree.js';
import { errorMessage } from '../api/client.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';
import { savedToConnection, savedToTab, tabToSaved } from './tabRequest.js';
import { sourceForSaved } from './savedSchemaSource.js';
import { lines } from '../store/connectionSlice.js';
import type { Input } from '../../shared/contract/types.js';

export interface PendingUndo {
  path: string;
  request: SavedRequest;
}

export type CollectionsDialog =
  | { kind: 'saveAs' }
  | { kind: 'move'; node: TreeNode }
  | { kind: 'rename'; node: TreeNode }
  | { kind: 'newFolder'; parent: string }
  | { kind: 'importGrpcurl' }
  | { kind: 'openWorkspace' };

export interface CollectionsSlice {
  workspaceDir: string | null;
  collectionTree: TreeNode[];
  /** The last failed collections action, said in words (shown in the panel). */
  collectionsError: string | null;
  /** Tab id → the saved request it was opened from or saved as. */
  savedPaths: Record<string, string>;
  undo: PendingUndo | null;
  /** Saved requests (path → problems) that no longer fit the loaded schema. */
  staleRequests: Record<string, string[]>;
  /** Checks the saved requests of the loaded schema's services against it. */
  checkStale: () => Promise<void>;
  collectionsDialog: CollectionsDialog | null;
  setCollectionsDialog: (d: CollectionsDialog | null) => void;
  openWorkspace: (dir?: string) => Promise<void>;
  refreshTree: () => Promise<void>;
  openSaved: (path: string) => Promise<void>;
  /** Saves the active tab over its saved request, or asks where (Save as) when it has none. */
  saveActive: () => Promise<void>;
  saveActiveAs: (folder: string, name: string) => Promise<boolean>;
  createFolder: (parent: string, name: string) => Promise<boolean>;
  renameItem: (node: TreeNode, name: string) => Promise<boolean>;
  duplicateItem: (node: TreeNode) => Promise<void>;
  moveItem: (node: TreeNode, toFolder: string) => Promise<boolean>;
  deleteItem: (node: TreeNode) => Promise<void>;
  undoDelete: () => Promise<void>;
  importGrpcurl: (command: string) => Promise<boolean>;
  /** The collection as one JSON text (no environments, no secrets), or null when it failed. */
  exportCollection: (collection: string) => Promise<string | null>;
  importCollection: (text: string) => Promise<boolean>;
  /** Subscribes to outside changes of the workspace; returns the unsubscribe. */
  listenWorkspace: () => () => void;
}

/** The schema source of the connection settings, saved with the request (reflection needs none). */
function schemaSourceOf(s: WorkbenchState): Input<'request.save'>['schemaSource'] {
  if (s.source.kind === 'protoFiles' && lines(s.source.protoFiles).length > 0)
    return {
      kind: 'protoFiles',
      files: lines(s.source.protoFiles),
      importPaths: lines(s.source.importPaths),
    };
  if (s.source.kind === 'descriptorSet' && s.source.descriptorSet.trim() !== '')
    return { kind: 'descriptorSet', path: s.source.descriptorSet.trim() };
  return undefined;
}

const parentOf = (p: string): string => p.split('/').slice(0, -1).join('/');
const join = (parent: string, name: string): string => (parent === '' ? name : `${parent}/${name}`);

/** Paths of a tree's folders, collections first, for "Save as" and "Move to…". */
export function folderPaths(nodes: readonly TreeNode[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    if (n.kind === 'request') continue;
    out.push(n.path);
    out.push(...folderPaths(n.children));
  }
  return out;
}

export const createCollectionsSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], CollectionsSlice> =>
  (set, get) => {
    const { client } = deps;
    /** Runs an action; a failure is shown in the panel instead of thrown. */
    const attempt = async (action: () => Promise<void>): Promise<boolean> => {
      try {
        await action();
        set({ collectionsError: null });
        return true;
      } catch (e) {
        set({ collectionsError: errorMessage(e) });
        return false;
      }
    };
    /** Keeps tabs pointing at a request (or anything under a folder) that moved or was renamed. */
    const repoint = (from: string, to: string): void =>
      set((s) => {
        const savedPaths: Record<string, string> = {};
        for (const [tab, p] of Object.entries(s.savedPaths))
          savedPaths[tab] =
            p === from ? to : p.startsWith(`${from}/`) ? `${to}${p.slice(from.length)}` : p;
        return { savedPaths };
      });
    const openInTab = (request: SavedRequest, path: string | null): void => {
      get().newTab();
      const tabId = get().activeTabId;
      if (!tabId) return;
      get().updateTab(tabId, savedToTab(request));
      get().setConnection(savedToConnection(request));
      get().markStaleTabs();
      if (path) set((s) => ({ savedPaths: { ...s.savedPaths, [tabId]: path } }));
    };

    return {
      workspaceDir: null,
      collectionTree: [],
      collectionsError: null,
      savedPaths: {},
      undo: null,
      staleRequests: {},
      checkStale: async () => {
        const { schemaId, schema } = get();
        if (!schemaId || !schema) {
          set({ staleRequests: {} });
          return;
        }
        try {
          const { stale } = await client.invoke('workspace.staleRequests', { schemaId });
          // Requests of services this schema does not have belong to another server: not stale.
          const services = new Set(schema.services.map((svc) => svc.fullName));
          const methods = new Map<string, string>();
          const walk = (nodes: readonly TreeNode[]): void => {
            for (const n of nodes)
              if (n.kind === 'request') methods.set(n.path, n.method ?? '');
              else walk(n.children);
          };
          walk(get().collectionTree);
          const staleRequests: Record<string, string[]> = {};
          for (const r of stale) {
            const service = (methods.get(r.path) ?? '').split('/')[1] ?? '';
            if (services.has(service)) staleRequests[r.path] = r.problems;
          }
          set({ staleRequests });
        } catch {
          set({ staleRequests: {} });
        }
      },
      collectionsDialog: null,
      setCollectionsDialog: (collectionsDialog) => set({ collectionsDialog }),
      openWorkspace: async (dir) => {
        await attempt(async () => {
          const r = await client.invoke('workspace.open', dir === undefined ? {} : { dir });
          // Tabs stay open, but their links to files of the previous workspace go.
          if (r.dir !== get().workspaceDir) set({ savedPaths: {}, undo: null });
          set({ workspaceDir: r.dir, collectionsDialog: null });
          await get().refreshTree();
          await get().loadEnvironments();
          await get().loadHistory();
        });
      },
      refreshTree: async () => {
        try {
          const r = await client.invoke('workspace.tree', {});
          set({ collectionTree: r.collections, workspaceDir: r.dir });
          if (get().schemaId) void get().checkStale();
        } catch (e) {
          set({ collectionsError: errorMessage(e) });
        }
      },
      openSaved: async (path) => {
        const open = Object.entries(get().savedPaths).find(
          ([tabId, p]) => p === path && get().tabs.some((t) => t.id === tabId),
        );
        if (open) {
          get().activateTab(open[0]);
          return;
        }
        await attempt(async () => {
          const read = await client.invoke('request.read', { path });
          openInTab(read.request, path);
          if (read.schemaSourceError !== undefined) {
            set({
              schemaStatus: 'error',
              schemaError: `${read.request.name}: ${read.schemaSourceError}`,
            });
            return;
          }
          const source = sourceForSaved(read, get().schema);
          if (source) {
            get().setSource(source);
            await get().loadSchema();
          }
        });
      },
      saveActive: async () => {
        const s = get();
        const tab = s.tabs.find((t) => t.id === s.activeTabId);
        if (!tab) return;
        const path = s.savedPaths[tab.id];
        if (!path) {
          set({ collectionsDialog: { kind: 'saveAs' } });
          return;
        }
        const ok = await attempt(async () => {
          const name = path.split('/').at(-1) ?? tab.title;
          const schemaSource = schemaSourceOf(s);
          await client.invoke('request.save', {
            path,
            request: tabToSaved(tab, s.connection, name),
            ...(schemaSource ? { schemaSource } : {}),
          });
          await get().refreshTree();
        });
        if (ok) get().showToast(`Saved ${path}`);
      },
      saveActiveAs: async (folder, name) => {
        const s = get();
        const tab = s.tabs.find((t) => t.id === s.activeTabId);
        if (!tab) return false;
        const ok = await attempt(async () => {
          const schemaSource = schemaSourceOf(s);
          const r = await client.invoke('request.saveAs', {
            folder,
            name,
            request: tabToSaved(tab, s.connection, name),
            ...(schemaSource ? { schemaSource } : {}),
          });
          set((st) => ({
            savedPaths: { ...st.savedPaths, [tab.id]: r.path },
            collectionsDialog: null,
          }));
          get().updateTab(tab.id, { title: name });
          await get().refreshTree();
        });
        if (ok) get().showToast(`Saved ${join(folder, name)}`);
        return ok;
      },
      createFolder: (parent, name) =>
        attempt(async () => {
          await client.invoke('folder.create', { path: join(parent, name) });
          set({ collectionsDialog: null });
          await get().refreshTree();
        }),
      renameItem: (node, name) =>
        attempt(async () => {
          const r =
            node.kind === 'request'
              ? await client.invoke('request.rename', { path: node.path, name })
              : await client.invoke('folder.rename', { path: node.path, name });
          repoint(node.path, r.path);
          if (node.kind === 'request')
            for (const [tabId, p] of Object.entries(get().savedPaths))
              if (p === r.path) get().updateTab(tabId, { title: name });
          set({ collectionsDialog: null });
          await get().refreshTree();
        }),
      duplicateItem: async (node) => {
        if (node.kind !== 'request') return;
        await attempt(async () => {
          await client.invoke('request.duplicate', { path: node.path });
          await get().refreshTree();
        });
      },
      moveItem: (node, toFolder) =>
        attempt(async () => {
          if (parentOf(node.path) === toFolder || node.path === toFolder) return;
          const r =
            node.kind === 'request'
              ? await client.invoke('request.move', { path: node.path, toFolder })
              : await client.invoke('folder.move', { path: node.path, toParent: toFolder });
          repoint(node.path, r.path);
          set({ collectionsDialog: null });
          await get().refreshTree();
        }),
      deleteItem: async (node) => {
        await attempt(async () => {
          if (node.kind === 'request') {
            const r = await client.invoke('request.delete', { path: node.path });
            set({ undo: r.deleted ? { path: r.path, request: r.deleted } : null });
          } else {
            await client.invoke('folder.delete', { path: node.path });
          }
          set((s) => ({
            savedPaths: Object.fromEntries(
              Object.entries(s.savedPaths).filter(
                ([, p]) => p !== node.path && !p.startsWith(`${node.path}/`),
              ),
            ),
          }));
          await get().refreshTree();
        });
      },
      undoDelete: async () => {
        const undo = get().undo;
        if (!undo) return;
        set({ undo: null });
        await attempt(async () => {
          await client.invoke('request.restore', { path: undo.path, request: undo.request });
          await get().refreshTree();
        });
      },
      importGrpcurl: (command) =>
        attempt(async () => {
          const { request } = await client.invoke('import.grpcurl', { command });
          set({ collectionsDialog: null });
          openInTab(request, null);
        }),
      exportCollection: async (collection) => {
        let text: string | null = null;
        await attempt(async () => {
          text = (await client.invoke('export.collection', { collection })).text;
        });
        return text;
      },
      importCollection: (text) =>
        attempt(async () => {
          const r = await client.invoke('import.collection', { text });
          await get().refreshTree();
          get().showToast(
            `Imported ${r.collection} (${r.requests} request${r.requests === 1 ? '' : 's'})`,
          );
        }),
      listenWorkspace: () =>
        client.subscribe('workspace.changed', (p) => {
          if (p.paths.some((x) => x.startsWith('collections') || x === 'workspace.json'))
            void get().refreshTree();
          if (p.paths.some((x) => x.startsWith('environments'))) void get().loadEnvironments();
          if (p.paths.some((x) => x.startsWith('history'))) void get().loadHistory();
        }),
    };
  };
