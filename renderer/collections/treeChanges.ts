// The collections tree after typed workspace changes (the `workspace.changed` event), without
// asking the engine for the whole tree again. Pure: the tree given is never changed; untouched
// branches are shared with the result. Siblings stay in the order `workspace.tree` lists them.
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
import {
  compareTreeNodes,
  type FolderNode,
  type RequestNode,
  type TreeNode,
} from '../../shared/workspace/tree.js';

type Siblings = readonly TreeNode[];
type Edit = (siblings: Siblings) => TreeNode[];

const parentParts = (path: string): string[] => path.split('/').slice(0, -1);
const lastPart = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const sorted = (nodes: TreeNode[]): TreeNode[] => nodes.sort(compareTreeNodes);

function findFolder(nodes: Siblings, name: string): number {
  return nodes.findIndex((n) => n.kind !== 'request' && n.name === name);
}

/**
 * Applies `edit` to the children of the folder at `parts` (the top level for none). `create`
 * makes missing folders on the way (a request saved in a folder the tree has not seen yet);
 * without it a missing folder leaves the tree as it is.
 */
function editIn(
  nodes: Siblings,
  parts: string[],
  prefix: string,
  create: boolean,
  edit: Edit,
): Siblings {
  const [name, ...rest] = parts;
  if (name === undefined) return edit(nodes);
  const index = findFolder(nodes, name);
  if (index === -1 && !create) return nodes;
  const path = prefix === '' ? name : `${prefix}/${name}`;
  const folder =
    index === -1
      ? {
          kind: prefix === '' ? ('collection' as const) : ('folder' as const),
          name,
          path,
          children: [],
        }
      : (nodes[index] as FolderNode);
  const children = editIn(folder.children, rest, path, create, edit);
  if (children === folder.children) return nodes;
  const out = [...nodes];
  if (index === -1) out.push({ ...folder, children: [...children] });
  else out[index] = { ...folder, children: [...children] };
  return sorted(out);
}

function putRequest(siblings: Siblings, node: RequestNode): TreeNode[] {
  const out = siblings.filter((n) => !(n.kind === 'request' && n.name === node.name));
  out.push(node);
  return sorted(out);
}

/** A folder that exists already keeps what it has and gains what the new node brings. */
function mergeFolder(existing: FolderNode, incoming: FolderNode): FolderNode {
  let children: Siblings = existing.children;
  for (const child of incoming.children) children = put(children, child);
  return { ...existing, children: [...children] };
}

function put(siblings: Siblings, node: TreeNode): TreeNode[] {
  if (node.kind === 'request') return putRequest(siblings, node);
  const index = findFolder(siblings, node.name);
  const out = [...siblings];
  if (index === -1) out.push(node);
  else out[index] = mergeFolder(siblings[index] as FolderNode, node);
  return sorted(out);
}

function remove(siblings: Siblings, name: string, kind: 'request' | 'folder'): TreeNode[] {
  return siblings.filter(
    (n) => !((n.kind === 'request') === (kind === 'request') && n.name === name),
  );
}

/** A folder moved to the top level becomes a collection, a collection moved into one a folder. */
function placed(node: TreeNode, path: string): TreeNode {
  if (node.kind === 'request') return { ...node, name: lastPart(path), path };
  const kind = path.includes('/') ? 'folder' : 'collection';
  return node.kind === kind && node.path === path
    ? node
    : { ...node, kind, name: lastPart(path), path };
}

function applyOne(tree: Siblings, change: WorkspaceChange): Siblings | 'reload' {
  switch (change.kind) {
    case 'request.saved':
      // A request lives in a collection; a node that is not one means the two sides disagree.
      if (change.node.kind !== 'request' || !change.path.includes('/')) return 'reload';
      return editIn(tree, parentParts(change.path), '', true, (s) =>
        putRequest(s, placed(change.node, change.path) as RequestNode),
      );
    case 'request.deleted':
      return editIn(tree, parentParts(change.path), '', false, (s) =>
        remove(s, lastPart(change.path), 'request'),
      );
    case 'folder.created':
      if (change.node.kind === 'request') return 'reload';
      return editIn(tree, parentParts(change.path), '', true, (s) =>
        put(s, placed(change.node, change.path)),
      );
    case 'folder.deleted':
      return editIn(tree, parentParts(change.path), '', false, (s) =>
        remove(s, lastPart(change.path), 'folder'),
      );
    case 'moved': {
      const kind = change.node.kind === 'request' ? 'request' : 'folder';
      if (kind === 'request' && !change.to.includes('/')) return 'reload';
      const without = editIn(tree, parentParts(change.from), '', false, (s) =>
        remove(s, lastPart(change.from), kind),
      );
      // The node comes with everything under it, so it replaces whatever was at `to`.
      return editIn(without, parentParts(change.to), '', true, (s) =>
        [...remove(s, lastPart(change.to), kind), placed(change.node, change.to)].sort(
          compareTreeNodes,
        ),
      );
    }
    case 'tree.reload':
      return 'reload';
    case 'environment.changed':
    case 'history.changed':
      return tree;
  }
}

/**
 * The tree after `changes`, in order; 'reload' when they say to read the tree again (too much
 * changed outside at once) or do not fit the tree.
 */
export function applyTreeChanges(
  tree: TreeNode[],
  changes: readonly WorkspaceChange[],
): TreeNode[] | 'reload' {
  let current: Siblings = tree;
  for (const change of changes) {
    const next = applyOne(current, change);
    if (next === 'reload') return 'reload';
    current = next;
  }
  return current === tree ? tree : [...current];
}
