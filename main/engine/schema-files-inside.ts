// A saved request names its schema files, and a workspace may come from anyone (a cloned
// repository): its requests could name ~/.ssh/id_rsa, /dev/zero or a symlink inside the workspace
// that points at either. So the files a saved request names load only when their real paths (every
// symlink followed) are inside the workspace folder, or the user has chosen that file themselves:
// typed or picked it (a load no saved request names), or confirmed it (schema.load's
// confirmOutside). Those are remembered (trusted-schema-files.ts).

import { statSync } from 'node:fs';
import path from 'node:path';
import { CommandError } from '../../shared/contract/errors.js';
import { schemaSourceKey, type SchemaSourceSpec } from '../../shared/request/schema-source.js';
import { isInsideFolder, realPathOf } from '../platform/real-path.js';
import { readAllRequests } from '../workspace/tree.js';
import type { TrustedSchemaFiles } from './trusted-schema-files.js';

/** Real paths of the files and import paths of a (workspace-resolved) source that leave `dir`. */
export function filesOutside(resolved: SchemaSourceSpec, dir: string): string[] {
  if (resolved.kind === 'reflection') return [];
  const root = realPathOf(dir);
  // Every file, found in an import path or not, `..` or absolute: inWorkspace made them all paths
  // from the workspace (inputFilesIn), so none is read from the engine's current folder unchecked.
  const named =
    resolved.kind === 'protoFiles' ? [...resolved.importPaths, ...resolved.files] : resolved.files;
  return named.map((f) => realPathOf(f)).filter((real) => !isInsideFolder(real, root));
}

/**
 * The paths of a source's proto files, as the engine will read them: a relative name is looked up
 * in the (absolute) import paths first, as protoc and grpcurl do, then in the workspace folder;
 * never in the engine's current folder, which has nothing to do with the workspace. A name found
 * nowhere is named from the workspace, so the error shows where it was expected.
 */
export function inputFilesIn(files: string[], importPaths: string[], dir: string): string[] {
  return files.map((f) => {
    if (path.isAbsolute(f)) return f;
    const found = importPaths.map((p) => path.join(p, f)).find(isFile);
    return found ?? path.join(dir, f);
  });
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export interface InsideCheck {
  /** The source with its paths made absolute from the workspace (inWorkspace). */
  resolved: SchemaSourceSpec;
  dir: string;
  resolve: (source: SchemaSourceSpec) => SchemaSourceSpec;
  trusted: TrustedSchemaFiles;
  confirmOutside: boolean;
}

/**
 * Throws when a saved request of the workspace names this source and one of its files leads
 * outside the workspace, unless the user loaded that file before or confirms it now. Returns the
 * outside files the user is loading by their own choice, to trust once they load.
 */
export function checkSavedSourceInside(check: InsideCheck): string[] {
  const outside = filesOutside(check.resolved, check.dir).filter((f) => !check.trusted.has(f));
  if (outside.length === 0 || check.confirmOutside) return outside;
  const key = schemaSourceKey(check.resolved, '');
  // Only when a file is outside: reading every request is the rare path.
  const saved = readAllRequests(check.dir).find(
    ({ request }) =>
      request.schema !== undefined &&
      request.schema.kind !== 'reflection' &&
      schemaSourceKey(check.resolve(request.schema), '') === key,
  );
  if (!saved) return outside;
  const real = outside[0]!;
  const named = namedPathOf(check.resolved, real) ?? real;
  const shown = path.resolve(named) === real ? named : `${named} (which leads to ${real})`;
  throw new CommandError(
    'forbidden',
    `The saved request "${saved.path}" names ${shown}, outside this workspace's folder ${check.dir}. ` +
      'Files a workspace names outside itself are not loaded until you choose them, since a ' +
      'workspace from elsewhere could name any file on this machine. Copy the file into the ' +
      'workspace and name it from there, or choose this file yourself once (in the request’s ' +
      'schema source, or schema.load with confirmOutside: true).',
    { path: named },
  );
}

/** The path as the source names it, for the message. */
function namedPathOf(resolved: SchemaSourceSpec, real: string): string | undefined {
  if (resolved.kind === 'reflection') return undefined;
  const all =
    resolved.kind === 'protoFiles' ? [...resolved.importPaths, ...resolved.files] : resolved.files;
  return all.find((f) => realPathOf(f) === real);
}
