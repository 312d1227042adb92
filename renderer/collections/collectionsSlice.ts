// The workspace's collections tree and the actions on saved requests (open, save, save as,
// rename, duplicate, move, delete with undo, import a grpcurl command). A tab knows its own saved
// path; the tree follows the engine's typed `workspace.changed` events instead of being re-read
// after every action.
import type { StateCreator } from 'zustand';
import type { Auth } from '../../shared/request/auth.js';
import type { RequestDocument } from '../../shared/request/index.js';
import { sendsStream } from '../../shared/schema/methods.js';
import type { SavedRequest } from '../../shared/workspace/saved-request.js';
import type { TreeNode } from '../../shared/workspace/tree.js';
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
import type { Output } from '../../shared/contract/types.js';
import { errorMessage } from '../api/client.js';
import type { StoreDeps, WorkbenchState } from '../store/types.js';
import { documentOf, draftToSend, replaceTab, type Tab } from '../store/tab.js';
import { activeTab, methodOf, schemaOf } from '../store/selectors.js';
import { applyTreeChanges } from './treeChanges.js';

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
  | { kind: 'openWorkspace' }
  /** A folder's (or collection's) auth, which the requests inside inherit. */
  | { kind: 'folderAuth'; path: string };

export interface CollectionsSlice {
  workspaceDir: string | null;
  collectionTree: TreeNode[];
  /** The last failed collections action, said in words (shown in the panel). */
  collectionsError: string | null;
  undo: PendingUndo | null;
  /** Saved requests (path → problems) that no longer fit the active tab's schema. */
  staleRequests: Record<string, string[]>;
  /** Checks the saved requests of the active tab's schema's services against it. */
  checkStale: () => Promise<void>;
  collectionsDialog: CollectionsDialog | null;
  setCollectionsDialog: (d: CollectionsDialog | null) => void;
  openWorkspace: (dir?: string) => Promise<void>;
  refreshTree: () => Promise<void>;
  /** Opens a saved request in a tab with its own connection and schema (or brings its tab forward). */
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
  /** A folder's auth (undefined: none set, it inherits), or null when it could not be read. */
  readFolderAuth: (path: string) => Promise<Auth | undefined | null>;
  saveFolderAuth: (path: string, auth: Auth) => Promise<boolean>;
  /** The collection as one JSON text (no environments, no secrets), or null when it failed. */
  exportCollection: (collection: string) => Promise<string | null>;
  importCollection: (text: string) => Promise<boolean>;
  /** Applies the workspace's changes (own and outside) as they come; returns the unsubscribe. */
  listenWorkspace: () => () => void;
}

const join = (parent: string, name: string): string => (parent === '' ? name : `${parent}/${name}`);
const parentOf = (p: string): string => p.split('/').slice(0, -1).join('/');
const within = (p: string, root: string): boolean => p === root || p.startsWith(`${root}/`);

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

const TREE_KINDS = new Set<WorkspaceChange['kind']>([
  'request.saved',
  'request.deleted',
  'moved',
  'folder.created',
  'folder.deleted',
  'tree.reload',
]);

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
        get().noteSaveRefusal(e); // a refused expression is also shown at its field
        return false;
      }
    };
    const updateTabs = (fn: (t: Tab) => Tab): void =>
      set((s) => {
        let changed = false;
        const tabs = s.tabs.map((t) => {
          const u = fn(t);
          if (u !== t) changed = true;
          return u;
        });
        return changed ? { tabs } : s;
      });
    /** Keeps tabs pointing at a request (or anything under a folder) that moved or was renamed. */
    const repoint = (from: string, to: string): void =>
      updateTabs((t) =>
        t.savedPath && within(t.savedPath, from)
          ? { ...t, savedPath: to + t.savedPath.slice(from.length) }
          : t,
      );
    /** Tabs of deleted files are unsaved work again. */
    const unlink = (root: string): void =>
      updateTabs((t) =>
        t.savedPath && within(t.savedPath, root) ? { ...t, savedPath: null, saved: null } : t,
      );
    /** The tab's draft as it can be saved, or a readable reason why not. */
    const savable = (tab: Tab): RequestDocument => {
      if (tab.draft.method === '')
        throw new Error('Pick a method first: an empty tab cannot be saved');
      const method = methodOf(get(), tab);
      const prepared = draftToSend(tab, method ? sendsStream(method.kind) : tab.texts.length > 1);
      if ('problem' in prepared) throw new Error(`Not saved: ${prepared.problem}`);
      return prepared;
    };
    /** The tab is now the file at `path`; a draft unchanged since it was sent takes the saved form. */
    const markSaved = (
      tabId: string,
      sentFrom: RequestDocument,
      r: Output<'request.save'>,
    ): void => {
      const saved = documentOf(r.request);
      set((s) => ({
        tabs: replaceTab(s.tabs, tabId, (t) => ({
          ...t,
          savedPath: r.path,
          saved,
          draft: t.draft === sentFrom ? saved : t.draft,
        })),
      }));
    };
    const openInTab = async (
      doc: RequestDocument,
      link?: { savedPath: string; saved: RequestDocument },
    ): Promise<void> => {
      const tabId = get().openDocument(doc, link);
      await get().loadSchema(tabId);
    };

    return {
      workspaceDir: null,
      collectionTree: [],
      collectionsError: null,
      undo: null,
      staleRequests: {},
      checkStale: async () => {
        const s = get();
        const tab = activeTab(s);
        const schema = schemaOf(s, tab);
        if (!tab?.schemaId || !schema) {
          set({ staleRequests: {} });
          return;
        }
        try {
          const { stale } = await client.invoke('workspace.staleRequests', {
            schemaId: tab.schemaId,
          });
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
      readFolderAuth: async (path) => {
        let auth: Auth | undefined | null = null;
        await attempt(async () => {
          auth = (await client.invoke('folder.readSettings', { path })).settings.auth;
        });
        return auth;
      },
      saveFolderAuth: (path, auth) =>
        attempt(async () => {
          await client.invoke('folder.saveSettings', { path, settings: { auth } });
          set({ collectionsDialog: null });
        }),
      openWorkspace: async (dir) => {
        await attempt(async () => {
          const r = await client.invoke('workspace.open', dir === undefined ? {} : { dir });
          // Tabs stay open, but their links to files of the previous workspace go.
          const before = get().workspaceDir;
          if (before !== null && r.dir !== before) {
            updateTabs((t) => (t.savedPath ? { ...t, savedPath: null, saved: null } : t));
            set({ undo: null });
          }
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
          if (activeTab(get())?.schemaId) void get().checkStale();
        } catch (e) {
          set({ collectionsError: errorMessage(e) });
        }
      },
      openSaved: async (path) => {
        const open = get().tabs.find((t) => t.savedPath === path);
        if (open) {
          get().activateTab(open.id);
          return;
        }
        await attempt(async () => {
          const read = await client.invoke('request.read', { path });
          const doc = documentOf(read.request);
          await openInTab(doc, { savedPath: path, saved: doc });
        });
      },
      saveActive: async () => {
        const tab = activeTab(get());
        if (!tab) return;
        const path = tab.savedPath;
        if (!path) {
          set({ collectionsDialog: { kind: 'saveAs' } });
          return;
        }
        const ok = await attempt(async () => {
          const sentFrom = tab.draft;
          const r = await client.invoke('request.save', { path, request: savable(tab) });
          markSaved(tab.id, sentFrom, r);
        });
        if (ok) get().showToast(`Saved ${path}`);
      },
      saveActiveAs: async (folder, name) => {
        const tab = activeTab(get());
        if (!tab) return false;
        const ok = await attempt(async () => {
          const sentFrom = tab.draft;
          const r = await client.invoke('request.saveAs', {
            folder,
            name,
            request: { ...savable(tab), name },
          });
          markSaved(tab.id, sentFrom, r);
          // The draft takes the new name even when it changed while saving.
          set((s) => ({
            tabs: replaceTab(s.tabs, tab.id, (t) =>
              t.draft.name === name ? t : { ...t, draft: { ...t.draft, name } },
            ),
            collectionsDialog: null,
          }));
        });
        if (ok) get().showToast(`Saved ${join(folder, name)}`);
        return ok;
      },
      createFolder: (parent, name) =>
        attempt(async () => {
          await client.invoke('folder.create', { path: join(parent, name) });
          set({ collectionsDialog: null });
        }),
      renameItem: (node, name) =>
        attempt(async () => {
          const r =
            node.kind === 'request'
              ? await client.invoke('request.rename', { path: node.path, name })
              : await client.invoke('folder.rename', { path: node.path, name });
          repoint(node.path, r.path);
          if (node.kind === 'request')
            updateTabs((t) =>
              t.savedPath === r.path
                ? {
                    ...t,
                    draft: { ...t.draft, name },
                    saved: t.saved ? { ...t.saved, name } : null,
                  }
                : t,
            );
          set({ collectionsDialog: null });
        }),
      duplicateItem: async (node) => {
        if (node.kind !== 'request') return;
        await attempt(async () => {
          await client.invoke('request.duplicate', { path: node.path });
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
        }),
      deleteItem: async (node) => {
        await attempt(async () => {
          if (node.kind === 'request') {
            const r = await client.invoke('request.delete', { path: node.path });
            set({ undo: r.deleted ? { path: r.path, request: r.deleted } : null });
          } else {
            await client.invoke('folder.delete', { path: node.path });
          }
          unlink(node.path);
        });
      },
      undoDelete: async () => {
        const undo = get().undo;
        if (!undo) return;
        set({ undo: null });
        await attempt(async () => {
          await client.invoke('request.restore', {
            path: undo.path,
            request: documentOf(undo.request),
          });
        });
      },
      importGrpcurl: (command) =>
        attempt(async () => {
          const { request, ignored, notes } = await client.invoke('import.grpcurl', { command });
          set({ collectionsDialog: null });
          const said = [
            ...(ignored.length > 0 ? [`Not kept: ${ignored.join(' ')}.`] : []),
            ...(notes.length > 0 ? [`Kept, not as typed: ${notes.join('; ')}.`] : []),
          ];
          if (said.length > 0) get().showToast(`Imported. ${said.join(' ')}`);
          await openInTab(request);
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
          get().showToast(
            `Imported ${r.collection} (${r.requests} request${r.requests === 1 ? '' : 's'})`,
          );
        }),
      listenWorkspace: () =>
        client.subscribe('workspace.changed', ({ origin, changes }) => {
          const tree = changes.filter((c) => TREE_KINDS.has(c.kind));
          if (tree.length > 0) {
            const next = applyTreeChanges(get().collectionTree, tree);
            if (next === 'reload') void get().refreshTree();
            else {
              set({ collectionTree: next });
              // A file written outside may not fit the schema any more (own saves come from a tab
              // that has the method; checking costs a read of every request, so not for those).
              if (origin === 'outside' && activeTab(get())?.schemaId) void get().checkStale();
            }
            for (const c of tree) {
              if (c.kind === 'moved') repoint(c.from, c.to);
              if (
                origin === 'outside' &&
                (c.kind === 'request.deleted' || c.kind === 'folder.deleted')
              )
                unlink(c.path);
            }
          }
          if (changes.some((c) => c.kind === 'environment.changed')) void get().loadEnvironments();
          if (changes.some((c) => c.kind === 'history.changed')) void get().loadHistory();
        }),
    };
  };
