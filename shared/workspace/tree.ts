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
  /** `address`, `authority`, `metadata[2].value`, `body.user.name`, … */
  where: string;
}
