// A saved request names its schema files, and a workspace may come from anyone (a cloned
// repository): its requests could name ~/.ssh/id_rsa, /dev/zero or a symlink inside the workspace
// that points at either. So the files a saved request names load only when their real paths (every
// symlink followed) are inside the workspace folder; anything else waits for the user to confirm
// that file (schema.load's confirmOutside). Files a user types or picks are theirs, and load.

import path from 'node:path';
import { CommandError } from '../../shared/contract/index.js';
import { schemaSourceKey, type SchemaSourceSpec } from '../../shared/request/schema-source.js';
import { isInsideFolder, realPathOf } from '../platform/real-path.js';
import { readAllRequests } from '../workspace/tree.js';

/** Files and import paths of a (workspace-resolved) source whose real paths leave `dir`. */
export function filesOutside(resolved: SchemaSourceSpec, dir: string): string[] {
  if (resolved.kind === 'reflection') return [];
  const root = realPathOf(dir);
  const named =
    resolved.kind === 'protoFiles'
      ? [
          ...resolved.importPaths,
          // Files are import names inside the import paths when there are any (checked above).
          ...resolved.files.map((f) =>
            path.isAbsolute(f) || resolved.importPaths.length === 0 ? f : undefined,
          ),
        ]
      : resolved.files;
  return named.filter((f): f is string => f !== undefined && !isInsideFolder(realPathOf(f), root));
}

/**
 * Throws unless every file of a source that a saved request of the workspace names resolves
 * inside the workspace. `resolved` is the source with paths made absolute (inWorkspace).
 */
export function checkSavedSourceInside(
  resolved: SchemaSourceSpec,
  dir: string,
  resolve: (source: SchemaSourceSpec) => SchemaSourceSpec,
): void {
  const outside = filesOutside(resolved, dir);
  if (outside.length === 0) return;
  const key = schemaSourceKey(resolved, '');
  // Only when a file is outside: reading every request is the rare path.
  const saved = readAllRequests(dir).find(
    ({ request }) =>
      request.schema !== undefined &&
      request.schema.kind !== 'reflection' &&
      schemaSourceKey(resolve(request.schema), '') === key,
  );
  if (!saved) return;
  const file = outside[0]!;
  const real = realPathOf(file);
  const shown = real === path.resolve(file) ? file : `${file} (which leads to ${real})`;
  throw new CommandError(
    'forbidden',
    `The saved request "${saved.path}" names ${shown}, outside this workspace's folder ${dir}. ` +
      'Files a workspace names outside itself are not loaded without your confirmation, since a ' +
      'workspace from elsewhere could name any file on this machine. Copy the file into the ' +
      'workspace and choose it there (in the request’s schema source), or confirm this file ' +
      '(schema.load with confirmOutside: true).',
    { path: file },
  );
}
