import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createFileRegistry, fromBinary, type FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorSet } from '@bufbuild/protobuf/wkt';

/**
 * protoc's `-I` for the well-known types (google/protobuf/*.proto): Debian ships them apart from
 * protoc (libprotobuf-dev), so tests take them from the google-proto-files package, last, after
 * any folder that has its own copy.
 */
export function wellKnownIncludes(): string[] {
  return ['-I', dirname(createRequire(import.meta.url).resolve('google-proto-files/package.json'))];
}

/** Test helper: compiles .proto files with the real protoc into a descriptor set. */
export function compileDescriptorSet(
  protoFile: string,
  importPath = dirname(protoFile),
): FileDescriptorSet {
  const dir = mkdtempSync(join(tmpdir(), 'gwb-'));
  try {
    const out = join(dir, 'out.pb');
    execFileSync('protoc', [
      '--include_imports',
      `--descriptor_set_out=${out}`,
      '-I',
      importPath,
      ...wellKnownIncludes(),
      protoFile,
    ]);
    return fromBinary(FileDescriptorSetSchema, readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function compileRegistry(protoFile: string, importPath?: string): FileRegistry {
  return createFileRegistry(compileDescriptorSet(protoFile, importPath));
}

export const testdata = (name: string): string =>
  join(import.meta.dirname, 'testdata', basename(name));
