// -protoset-out FILE and -proto-out-dir DIR: the schema behind what a command showed or called,
// written as grpcurl writes it. Each file is written whole or not at all (temp file and rename);
// a path that cannot be written fails the command with the path and the reason.
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
  if (targets.protosetOut !== undefined) {
    write(targets.protosetOut, descriptorSetBytes(files), '-protoset-out');
  }
  if (targets.protoOutDir !== undefined) {
    for (const { name, text } of protoSources(schema, files)) {
      write(insideDir(targets.protoOutDir, name), text, '-proto-out-dir');
    }
  }
}

/**
 * Where a file named by the schema goes under DIR. The names come from the server with
 * reflection, so one that would land outside DIR (`../x.proto`, `/etc/x.proto`) is refused.
 */
function insideDir(dir: string, name: string): string {
  const root = path.resolve(dir);
  const target = path.resolve(root, name);
  if (path.isAbsolute(name) || !target.startsWith(root + path.sep)) {
    throw new CommandFailure(
      `-proto-out-dir: the schema has a file named "${name}", which would be written outside ${dir}; nothing more was written`,
    );
  }
  return target;
}

function write(file: string, data: string | Uint8Array, flag: string): void {
  try {
    writeFileAtomic(file, data);
  } catch (error) {
    const reason = error instanceof WorkbenchError ? error.message : String(error);
    throw new CommandFailure(`${flag}: ${reason}`, { cause: error });
  }
}
