// The listing of a workspace's collections, as the sidebar and `gwb collection ls` show it.

export interface RequestNode {
  kind: 'request';
  /** File name without `.grpc.json`. */
  name: string;
  /** `collection/folder/…/name`: the id used by every request operation. */
  path: string;
  /** Display name and method when the file parsed. */
  title?: string;
  method?: string;
  /** Why the file could not be loaded (file, line, field path); the rest of the tree still loads. */
  error?: string;
}

export interface FolderNode {
  kind: 'folder' | 'collection';
  name: string;
  path: string;
  children: TreeNode[];
}

export type TreeNode = RequestNode | FolderNode;

/** One variable that had no value, and where it was used. */
export interface UnknownVariable {
  name: string;
  /** `address`, `authority`, `metadata[2].value`, `messages[0].user.name`, … */
  where: string;
}

// One collator for every comparison (String.localeCompare builds one per call); numeric, so
// "step 2" sorts before "step 10". Made on first use: making one loads ICU's collation data
// (milliseconds), and gwb's engine loads this module for every call.
let collator: Intl.Collator | undefined;

/** The order of a listing: folders before requests, then by name (numeric, case-insensitive). */
export function compareTreeNodes(
  a: Pick<TreeNode, 'kind' | 'name'>,
  b: Pick<TreeNode, 'kind' | 'name'>,
): number {
  if ((a.kind === 'request') !== (b.kind === 'request')) return a.kind === 'request' ? 1 : -1;
  collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
