import { describe, expect, it } from 'vitest';
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
import type { FolderNode, RequestNode, TreeNode } from '../../shared/workspace/tree.js';
import { applyTreeChanges } from './treeChanges.js';

const METHOD = '/example.UserService/GetUser';

function req(path: string, title = path.slice(path.lastIndexOf('/') + 1)): RequestNode {
  return {
    kind: 'request',
    name: path.slice(path.lastIndexOf('/') + 1),
    path,
    title,
    method: METHOD,
  };
}

function folder(path: string, children: TreeNode[] = []): FolderNode {
  return {
    kind: path.includes('/') ? 'folder' : 'collection',
    name: path.slice(path.lastIndexOf('/') + 1),
    path,
    children,
  };
}

/** As `workspace.tree` lists it: folders first, then by name, numbers in numeric order. */
function tree(): TreeNode[] {
  return [
    folder('files', [folder('files/empty')]),
    folder('users', [
      folder('users/admin', [req('users/admin/Delete user')]),
      req('users/step 2'),
      req('users/step 10'),
    ]),
  ];
}

const paths = (nodes: readonly TreeNode[]): string[] =>
  nodes.flatMap((n) => [n.path, ...(n.kind === 'request' ? [] : paths(n.children))]);

function apply(changes: WorkspaceChange[], from: TreeNode[] = tree()): TreeNode[] {
  const out = applyTreeChanges(from, changes);
  if (out === 'reload') throw new Error('unexpected reload');
  return out;
}

describe('applyTreeChanges', () => {
  it('a saved request is added in order, or replaces the one at its path', () => {
    const before = tree();
    const after = apply(
      [
        { kind: 'request.saved', path: 'users/step 3', node: req('users/step 3') },
        { kind: 'request.saved', path: 'users/Admin', node: req('users/Admin') },
        { kind: 'request.saved', path: 'users/step 2', node: req('users/step 2', 'Renamed title') },
      ],
      before,
    );
    expect(paths(after)).toEqual([
      'files',
      'files/empty',
      'users',
      'users/admin',
      'users/admin/Delete user',
      // A request named like a folder sits among the requests: folders come first.
      'users/Admin',
      'users/step 2',
      'users/step 3',
      'users/step 10',
    ]);
    const users = after[1] as FolderNode;
    expect(users.children.find((n) => n.path === 'users/step 2')).toMatchObject({
      title: 'Renamed title',
    });
    // The tree given is not changed, and branches nothing touched are shared.
    expect(paths(before)).toEqual(paths(tree()));
    expect(after[0]).toBe(before[0]);
  });

  it('a request saved in folders the tree has not seen makes them (a collection at the top)', () => {
    const after = apply([
      { kind: 'request.saved', path: 'new/deep/er/x', node: req('new/deep/er/x') },
    ]);
    expect(after[1]).toEqual(
      folder('new', [folder('new/deep', [folder('new/deep/er', [req('new/deep/er/x')])])]),
    );
    expect(after[1]?.kind).toBe('collection');
  });

  it('deletes requests and folders; deleting what is not there changes nothing', () => {
    const before = tree();
    const after = apply(
      [
        { kind: 'request.deleted', path: 'users/step 10' },
        { kind: 'folder.deleted', path: 'files/empty' },
        { kind: 'request.deleted', path: 'nowhere/x' },
        { kind: 'folder.deleted', path: 'users/admin/none' },
      ],
      before,
    );
    expect(paths(after)).toEqual([
      'files',
      'users',
      'users/admin',
      'users/admin/Delete user',
      'users/step 2',
    ]);
    expect(applyTreeChanges(before, [{ kind: 'request.deleted', path: 'nowhere/x' }])).toBe(before);
    // A folder and a request may share a path (`a/` and `a.grpc.json`): each change says which.
    const both = apply([{ kind: 'request.saved', path: 'users/admin', node: req('users/admin') }]);
    expect(paths(apply([{ kind: 'folder.deleted', path: 'users/admin' }], both))).toContain(
      'users/admin',
    );
    expect(
      apply([{ kind: 'request.deleted', path: 'users/admin' }], both).find(
        (n) => n.name === 'users',
      ),
    ).toEqual(tree()[1]);
  });

  it('a created folder is added with its content, or merged into the one that exists', () => {
    const after = apply([
      {
        kind: 'folder.created',
        path: 'arrived',
        node: folder('arrived', [folder('arrived/sub', [req('arrived/sub/r')])]),
      },
      {
        kind: 'folder.created',
        path: 'users/admin',
        node: folder('users/admin', [req('users/admin/Add user')]),
      },
    ]);
    expect(paths(after)).toEqual([
      'arrived',
      'arrived/sub',
      'arrived/sub/r',
      'files',
      'files/empty',
      'users',
      'users/admin',
      'users/admin/Add user',
      'users/admin/Delete user',
      'users/step 2',
      'users/step 10',
    ]);
  });

  it('a moved or renamed request or folder goes with its node; a collection moved in becomes a folder', () => {
    const after = apply([
      {
        kind: 'moved',
        from: 'users/step 2',
        to: 'users/admin/Step two',
        node: req('users/admin/Step two', 'Step two'),
      },
      {
        kind: 'moved',
        from: 'users/admin',
        to: 'files/admin',
        node: folder('files/admin', [req('files/admin/Delete user'), req('files/admin/Step two')]),
      },
      { kind: 'moved', from: 'files', to: 'users/files', node: folder('files') },
    ]);
    expect(paths(after)).toEqual(['users', 'users/files', 'users/step 10']);
    const moved = (after[0] as FolderNode).children[0] as FolderNode;
    expect(moved.kind).toBe('folder');
    expect(moved.path).toBe('users/files');
    // And back to the top: a collection again.
    const back = apply([{ kind: 'moved', from: 'users/files', to: 'files', node: moved }], after);
    expect(back[0]).toMatchObject({ kind: 'collection', path: 'files' });
  });

  it('environment and history changes leave the tree as it is; a reload or a change that does not fit asks for the tree', () => {
    const before = tree();
    expect(
      applyTreeChanges(before, [
        { kind: 'environment.changed', name: 'local', deleted: false },
        { kind: 'history.changed' },
      ]),
    ).toBe(before);
    expect(
      applyTreeChanges(before, [
        { kind: 'request.deleted', path: 'users/step 2' },
        { kind: 'tree.reload' },
      ]),
    ).toBe('reload');
    expect(
      applyTreeChanges(before, [{ kind: 'request.saved', path: 'top', node: req('top') }]),
    ).toBe('reload');
    expect(
      applyTreeChanges(before, [{ kind: 'folder.created', path: 'x', node: req('x/y') }]),
    ).toBe('reload');
    expect(paths(before)).toEqual(paths(tree()));
  });
});
