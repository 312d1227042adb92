// A run's listing of its target (requestPathsOf: folder listings alone, no request file read) finds
// exactly what the workbench's tree finds for that target (listTree + requestsOfTarget), in the
// same order: folders before requests, names compared numerically, dot-names, symlinks, temporary
// files and other files left out, a folder before a request of the same name.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TreeNode } from '../../shared/workspace/tree.js';
import { requestsOfTarget } from '../runner/run-plan.js';
import { TEMP_PREFIX } from './store/atomic-write.js';
import { listTree, requestPathsOf } from './tree.js';

const root = mkdtempSync(path.join(tmpdir(), 'gwb-request-paths-'));
const collections = path.join(root, 'collections');

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A request file: its text need not even be valid (the run says what is wrong when it reads it). */
function file(relative: string, text = '{}'): void {
  const full = path.join(collections, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
}

file('demo/step 10.grpc.json');
file('demo/step 2.grpc.json');
file('demo/Step 3.grpc.json', 'not json');
file('demo/users/get.grpc.json');
file('demo/users/list.grpc.json');
file('demo/users/deep/er/one.grpc.json');
file('demo/users.grpc.json'); // a request named as the folder beside it
file('demo/.hidden.grpc.json');
file('demo/.dot-folder/inside.grpc.json');
file(`demo/${TEMP_PREFIX}123.grpc.json`);
file('demo/notes.txt');
file('demo/folder.json');
file('other/a.grpc.json');
file('.hidden-collection/x.grpc.json');
mkdirSync(path.join(collections, 'empty/nothing'), { recursive: true });
writeFileSync(path.join(collections, 'top-level.grpc.json'), '{}');
symlinkSync(
  path.join(collections, 'other/a.grpc.json'),
  path.join(collections, 'demo/link.grpc.json'),
);
symlinkSync(path.join(collections, 'other'), path.join(collections, 'demo/linked-folder'));
symlinkSync(path.join(collections, 'other'), path.join(collections, 'linked-collection'));

/** Every path of the tree: collections, folders and requests. */
function everyPath(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((n) => [n.path, ...(n.kind === 'request' ? [] : everyPath(n.children))]);
}

describe('requestPathsOf', () => {
  const tree = listTree(root);
  const targets = [
    ...everyPath(tree),
    '',
    'nope',
    'demo/nope',
    'demo//users',
    'demo/users/',
    'demo/../other',
    './demo',
    'demo/.hidden',
    'demo/.dot-folder',
    'demo/link',
    'demo/linked-folder',
    'linked-collection',
    'top-level',
    'demo/notes',
    'DEMO',
    'demo/users/get/more',
  ];

  it('finds what the tree finds for every target, in the same order', () => {
    expect(everyPath(tree)).toContain('demo/users/deep/er/one');
    for (const target of targets)
      expect([target, requestPathsOf(root, target)]).toEqual([
        target,
        requestsOfTarget(tree, target),
      ]);
  });

  it('orders as the tree does: folders first, numbers by value, a folder before its namesake', () => {
    expect(requestPathsOf(root, 'demo')).toEqual([
      'demo/users/deep/er/one',
      'demo/users/get',
      'demo/users/list',
      'demo/step 2',
      'demo/Step 3',
      'demo/step 10',
      'demo/users',
    ]);
    expect(requestPathsOf(root, 'demo/users')).toEqual([
      'demo/users/deep/er/one',
      'demo/users/get',
      'demo/users/list',
    ]);
    expect(requestPathsOf(root, 'empty')).toEqual([]);
    expect(requestPathsOf(root, 'demo/link')).toBeUndefined();
  });

  it('finds nothing in a workspace without collections', () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'gwb-request-paths-bare-'));
    try {
      expect(requestPathsOf(bare, 'demo')).toBeUndefined();
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
