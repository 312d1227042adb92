// The auth a request is sent with: its own, or (when it inherits) the nearest folder's up the
// tree, Postman's "inherit from parent". Nothing found: none.
import type { Auth } from '../../shared/request/auth.js';

export interface EffectiveAuth {
  auth: Auth;
  /** Where it was set: `request`, or the folder path it was inherited from. */
  from: string;
}

/**
 * `folders`: the request's folders' auth, nearest first (`coll/a/b`, `coll/a`, `coll`), each
 * undefined where the folder sets none (which inherits as well).
 */
export function effectiveAuth(
  requestAuth: Auth | undefined,
  folders: readonly { path: string; auth: Auth | undefined }[] = [],
): EffectiveAuth {
  if (requestAuth !== undefined && requestAuth.type !== 'inherit')
    return { auth: requestAuth, from: 'request' };
  for (const folder of folders)
    if (folder.auth !== undefined && folder.auth.type !== 'inherit')
      return { auth: folder.auth, from: folder.path };
  return { auth: { type: 'none' }, from: 'request' };
}
