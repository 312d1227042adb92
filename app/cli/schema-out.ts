// -protoset-out FILE and -proto-out-dir DIR: the schema behind what a command showed or called,
// written as grpcurl writes it. Each file is written whole or not at all (temp file and rename);
// a path that cannot be written fails the command with the path and the reason. The schema's file
// names are all checked before anything is written, against DIR's real path (symbolic links too).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { GrpcurlFlags } from '../../shared/grpcurl/index.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import type { LoadedSchema } from '../../main/schema/index.js';
import {
  descriptorSetBytes,
  filesWithDependencies,
  protoSources,
} from '../../main/schema/schema-out.js';
import { writeFileAtomic } from '../../main/workspace/store/atomic-write.js';
import { makeDir } from '../../main/workspace/store/fs-ops.js';
import { CommandFailure } from './usage-error.js';

export interface SchemaOutTargets {
  protosetOut?: string;
  protoOutDir?: string;
}

export function schemaOutOf(flags: GrpcurlFlags): SchemaOutTargets {
  return {
    ...(flags['protoset-out'] !== undefined ? { protosetOut: flags['protoset-out'] } : {}),
    ...(flags['proto-out-dir'] !== undefined ? { protoOutDir: flags['proto-out-dir'] } : {}),
  };
}

/** Writes the named files and their imports where -protoset-out / -proto-out-dir say. */
export function writeSchemaOut(
  targets: SchemaOutTargets,
  schema: LoadedSchema,
  fileNames: readonly string[],
): void {
  if (targets.protosetOut === undefined && targets.protoOutDir === undefined) return;
  const files = filesWithDependencies(schema, fileNames);
  // Every name is checked before anything is written: a bad one leaves no file behind.
  const sources = targets.protoOutDir === undefined ? [] : protoSources(schema, files);
  const places =
    targets.protoOutDir === undefined
      ? []
      : protoOutPlaces(
          targets.protoOutDir,
          sources.map((s) => s.name),
        );
  if (targets.protosetOut !== undefined) {
    write(targets.protosetOut, descriptorSetBytes(files), '-protoset-out');
  }
  if (targets.protoOutDir !== undefined) {
    const dir = targets.protoOutDir;
    sources.forEach(({ name, text }, i) => {
      const file = places[i]!;
      makeParentInside(dir, name, file);
      write(file, text, '-proto-out-dir');
    });
  }
}

/**
 * Where each file named by the schema goes under DIR, refusing (before anything is written) a
 * name that would land outside it: the names come from the server with reflection, so
 * `../x.proto`, `/etc/x.proto`, or a name through a symbolic link inside DIR that points out of
 * it are refused. Reads the filesystem, writes nothing.
 */
export function protoOutPlaces(dir: string, names: readonly string[]): string[] {
  const root = path.resolve(dir);
  const realRoot = realPathOf(root);
  return names.map((name) => {
    const target = path.resolve(root, name);
    if (path.isAbsolute(name) || !isInside(root, target) || target === root) {
      throw outside(dir, name, 'which would be written outside');
    }
    // Each folder on the way that exists already must really be inside DIR.
    for (let folder = path.dirname(target); folder !== root; folder = path.dirname(folder)) {
      const real = existingRealPath(folder);
      if (real !== undefined && !isInside(realRoot, real)) throw throughLink(dir, name, real);
    }
    return target;
  });
}

/** Creates the file's folder, then checks that it really is inside DIR (links made meanwhile). */
function makeParentInside(dir: string, name: string, file: string): void {
  const parent = path.dirname(file);
  try {
    makeDir(parent);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CommandFailure(`-proto-out-dir: cannot create ${parent}: ${reason}`, {
      cause: error,
    });
  }
  const real = realpathSync(parent);
  if (!isInside(realPathOf(path.resolve(dir)), real)) throw throughLink(dir, name, real);
}

/** Whether `child` is `parent` or below it; right for a root folder (`/`) too. */
function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return !(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel));
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor's, resolved. */
function realPathOf(folder: string): string {
  const real = existingRealPath(folder);
  if (real !== undefined) return real;
  const parent = path.dirname(folder);
  return parent === folder ? folder : path.join(realPathOf(parent), path.basename(folder));
}

function existingRealPath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function outside(dir: string, name: string, why: string): CommandFailure {
  return new CommandFailure(
    `-proto-out-dir: the schema has a file named "${name}", ${why} ${dir}; nothing was written`,
  );
}

function throughLink(dir: string, name: string, real: string): CommandFailure {
  return outside(dir, name, `whose folder is ${real} through a symbolic link, which is outside`);
}

function write(file: string, data: string | Uint8Array, flag: string): void {
  try {
    writeFileAtomic(file, data);
  } catch (error) {
    const reason = error instanceof WorkbenchError ? error.message : String(error);
    throw new CommandFailure(`${flag}: ${reason}`, { cause: error });
  }
}
