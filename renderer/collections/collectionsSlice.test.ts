// The collections slice over a scripted engine client: the tree follows typed `workspace.changed`
// events (no re-read after an action), tabs follow their files when they move or go away.
import { describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract/types.js';
import type { TreeNode } from '../../shared/workspace/tree.js';
import { newRequest } from '../../shared/request/new-request.js';
import { plaintextConnection } from '../../shared/request/targets.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';
import { activeTab } from '../store/selectors.js';

const request = (path: string): TreeNode => ({
  kind: 'request',
  name: path.slice(path.lastIndexOf('/') + 1),
  path,
  title: path.slice(path.lastIndexOf('/') + 1),
  method: '/example.UserService/GetUser',
});
const users = (...children: TreeNode[]): TreeNode => ({
  kind: 'collection',
  name: 'Users',
  path: 'Users',
  children,
});
const doc = { ...newRequest(plaintextConnection('h:1'), '/example.UserService/GetUser') };

function setup() {
  const client = new ScriptedClient({
    'workspace.tree': () => ({ dir: '/w', collections: [users(request('Users/Ada'))] }),
    'request.read': (input: Input<'request.read'>) => ({
      path: input.path,
      request: { version: 2, ...doc, name: input.path.split('/').at(-1)! },
    }),
    'request.rename': (input: Input<'request.rename'>) => ({ path: `Users/${input.name}` }),
    'schema.load': () => {
      throw new Error('offline');
    },
    'environment.list': () => ({
      environments: [],
      selected: null,
      secretStorage: { kind: 'key_file', where: '/w/key' },
    }),
    'history.list': () => ({ entries: [], errors: [] }),
  });
  const store = createWorkbenchStore(client, (cb) => cb());
  const stop = store.getState().listenWorkspace();
  return { client, store, stop };
}

describe('collections follow workspace changes', () => {
  it('applies saved, moved and deleted changes to the tree without reading it again', async () => {
    const { client, store } = setup();
    await store.getState().refreshTree();
    expect(client.count('workspace.tree')).toBe(1);
    client.emit('workspace.changed', {
      origin: 'app',
      changes: [{ kind: 'request.saved', path: 'Users/Grace', node: request('Users/Grace') }],
    });
    const names = (): string[] =>
      store
        .getState()
        .collectionTree.flatMap((n) => (n.kind === 'request' ? [] : n.children))
        .map((n) => n.name);
    expect(names()).toEqual(['Ada', 'Grace']);
    client.emit('workspace.changed', {
      origin: 'app',
      changes: [{ kind: 'request.deleted', path: 'Users/Ada' }],
    });
    expect(names()).toEqual(['Grace']);
    expect(client.count('workspace.tree')).toBe(1);
    // When the engine cannot say what changed, the tree is read again.
    client.emit('workspace.changed', { origin: 'outside', changes: [{ kind: 'tree.reload' }] });
    expect(client.count('workspace.tree')).toBe(2);
  });

  it('keeps a tab on its file when it moves, and unlinks it when the file is deleted outside', async () => {
    const { client, store } = setup();
    await store.getState().openSaved('Users/Ada');
    expect(activeTab(store.getState())!.savedPath).toBe('Users/Ada');
    client.emit('workspace.changed', {
      origin: 'outside',
      changes: [
        {
          kind: 'moved',
          from: 'Users',
          to: 'People',
          node: { ...users(), path: 'People', name: 'People' },
        },
      ],
    });
    expect(activeTab(store.getState())!.savedPath).toBe('People/Ada');
    client.emit('workspace.changed', {
      origin: 'outside',
      changes: [{ kind: 'request.deleted', path: 'People/Ada' }],
    });
    const tab = activeTab(store.getState())!;
    expect([tab.savedPath, tab.saved]).toEqual([null, null]);
  });

  it('a rename renames the open tab and its saved document, and re-reads nothing', async () => {
    const { client, store } = setup();
    await store.getState().openSaved('Users/Ada');
    expect(await store.getState().renameItem(request('Users/Ada'), 'Lovelace')).toBe(true);
    const tab = activeTab(store.getState())!;
    expect([tab.savedPath, tab.draft.name, tab.saved?.name]).toEqual([
      'Users/Lovelace',
      'Lovelace',
      'Lovelace',
    ]);
    expect(client.count('workspace.tree')).toBe(0);
  });

  it('reloads environments and history when they change', () => {
    const { client } = setup();
    client.emit('workspace.changed', {
      origin: 'outside',
      changes: [
        { kind: 'environment.changed', name: 'dev', deleted: false },
        { kind: 'history.changed' },
      ],
    });
    expect(client.count('environment.list')).toBe(1);
    expect(client.count('history.list')).toBe(1);
    expect(client.count('workspace.tree')).toBe(0);
  });
});
