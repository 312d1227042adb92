// Request, folder and environment names become file names; keep them portable and inside the workspace.
import { WorkspaceError } from './workspace-error.js';

// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** A name made safe for a file: forbidden characters become `_`, no leading dot. */
export function safeFileName(name: string): string {
  return (
    name.replace(new RegExp(FORBIDDEN.source, 'g'), '_').replace(/^\./, '_').trim() || 'unnamed'
  );
}

/** Throws unless `name` is usable as one path segment on every OS. */
export function checkName(name: string, what: string): string {
  if (name.trim() === '' || name !== name.trim())
    throw new WorkspaceError(`${what} name "${name}" must not be empty or start/end with spaces`);
  if (name === '.' || name === '..' || name.startsWith('.'))
    throw new WorkspaceError(`${what} name "${name}" must not start with a dot`);
  if (FORBIDDEN.test(name))
    throw new WorkspaceError(
      `${what} name "${name}" must not contain < > : " / \\ | ? * or control characters`,
    );
  if (RESERVED.test(name))
    throw new WorkspaceError(`${what} name "${name}" is reserved on Windows`);
  if (name.length > 120)
    throw new WorkspaceError(`${what} name "${name.slice(0, 20)}…" is longer than 120 characters`);
  return name;
}

/** Splits `collection/folder/name` into checked segments. */
export function splitPath(itemPath: string, what: string): string[] {
  const parts = itemPath.split('/').filter((p) => p !== '');
  if (parts.length === 0) throw new WorkspaceError(`${what} path is empty`);
  for (const part of parts) checkName(part, what);
  return parts;
}
